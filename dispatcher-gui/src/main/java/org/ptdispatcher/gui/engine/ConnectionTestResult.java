package org.ptdispatcher.gui.engine;

import java.time.Duration;

/** How a connection test through a local SOCKS proxy went. */
public sealed interface ConnectionTestResult {

    /** The proxy connected to the destination; {@code roundTrip} is from sending CONNECT to its reply. */
    record Connected(String destination, Duration roundTrip) implements ConnectionTestResult {
    }

    /**
     * The proxy answered but refused: {@code replyCode} is the SOCKS reply (RFC 1928 section 6,
     * plus 0x10-0x13 of the dispatcher spec), or -1 when it refused the arguments (RFC 1929).
     */
    record Refused(String destination, int replyCode) implements ConnectionTestResult {
    }

    /**
     * A page came through the proxy: the server's HTTP status, the body's length, and the time
     * from the CONNECT to the last byte.
     */
    record Fetched(String destination, int status, long bytes, Duration time) implements ConnectionTestResult {
        /** 2xx and 3xx: the page or its redirect came; anything else came from the server too, but is not the page. */
        public boolean ok() {
            return status >= 200 && status < 400;
        }
    }

    /** No SOCKS conversation was possible: nothing listens, or the connection broke or timed out. */
    record Unreachable(String destination, String reason) implements ConnectionTestResult {
    }
}
