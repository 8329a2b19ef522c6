package org.ptdispatcher.engine.net;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A peer resetting a connection (ECONNRESET): ordinary on the Internet, and something a peer can
 * do as often as it likes, so never worth more than a DEBUG line; the process counts them
 * instead (the count is logged at shutdown).
 */
public final class PeerReset {
    private static final AtomicLong COUNT = new AtomicLong();

    private PeerReset() {
    }

    /** Whether {@code cause} (or one of its causes) is the peer resetting the connection, as native epoll and the JDK word it. */
    public static boolean isReset(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("connection reset")) {
                return true;
            }
        }
        return false;
    }

    /** Counts one connection ended by a peer's reset. */
    public static void counted() {
        COUNT.incrementAndGet();
    }

    /** How many connections in this process ended with a peer's reset. */
    public static long count() {
        return COUNT.get();
    }
}
