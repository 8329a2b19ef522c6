package org.ptdispatcher.gui.engine;

import java.time.Duration;

/** How a connection test through a local SOCKS proxy went. */
public sealed interface ConnectionTestResult {

    /** What the test was run against, as the user wrote it. */
    String destination();

    /** Whether the path is shown to work: something came back through the tunnel (and for a page, the page). */
    boolean succeeded();

    /** Why a test failed where no server's answer says it. */
    enum Failure {
        /** The destination is neither {@code host:port} nor an {@code http(s)://} address. */
        BAD_DESTINATION,
        /** Nothing came within the test's time. */
        TIMEOUT,
        /** The connection was closed before an answer. */
        CLOSED,
        /** What answered on the proxy's port does not speak SOCKS5. */
        NOT_SOCKS,
        /** The page's server answered with something that is not HTTP. */
        NOT_HTTP,
        /** A network error, in the JDK's words ({@code detail}). */
        NETWORK
    }

    /**
     * The proxy connected to the destination, and the probe sent through the tunnel was answered:
     * the whole path carries bytes both ways. {@code connect} is from the SOCKS CONNECT to its
     * reply (the PT reaching its server and finishing its handshake), {@code answer} from the probe
     * to the first byte back.
     */
    record Answered(String destination, Duration connect, Duration answer) implements ConnectionTestResult {
        @Override
        public boolean succeeded() {
            return true;
        }
    }

    /**
     * The proxy said it connected, but nothing came back through the tunnel: what a PT server that
     * cannot read this client (a wrong password, cert or key) or cannot reach its target looks like
     * from here, since it keeps quiet rather than answer a stranger.
     */
    record Silent(String destination, Duration connect, Failure why) implements ConnectionTestResult {
        @Override
        public boolean succeeded() {
            return false;
        }
    }

    /**
     * The proxy answered but refused: {@code replyCode} is the SOCKS reply (RFC 1928 section 6,
     * plus 0x10-0x13 of the dispatcher spec), or -1 when it refused the arguments (RFC 1929).
     */
    record Refused(String destination, int replyCode) implements ConnectionTestResult {
        @Override
        public boolean succeeded() {
            return false;
        }
    }

    /**
     * A page came through the proxy: the server's HTTP status, the body's length, and the time
     * from the CONNECT to the last byte.
     */
    record Fetched(String destination, int status, long bytes, Duration time) implements ConnectionTestResult {
        /** 2xx and 3xx: the page or its redirect came; anything else came from the server too, but is not the page. */
        @Override
        public boolean succeeded() {
            return status >= 200 && status < 400;
        }
    }

    /** No SOCKS conversation (or no page) was possible; {@code detail} is the JDK's words for {@link Failure#NETWORK}, else empty. */
    record Unreachable(String destination, Failure why, String detail) implements ConnectionTestResult {
        public Unreachable(String destination, Failure why) {
            this(destination, why, "");
        }

        @Override
        public boolean succeeded() {
            return false;
        }
    }
}
