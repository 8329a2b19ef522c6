package org.ptdispatcher.engine.mode;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The datagram modes' idle timeout: a table's idle connections are expired on the table's own
 * event loop every quarter of the timeout (at least a second apart), so a connection lives at
 * most a quarter longer than its timeout.
 */
final class IdleSweep {
    private static final long MIN_PERIOD_MILLIS = 1000;

    /** A table of the {@code udp} package: {@code UdpClientTable.expire} or {@code UdpServerTable.expire}. */
    @FunctionalInterface
    interface Expiring {
        void expire(long nowNanos, long idleNanos);
    }

    private IdleSweep() {
    }

    static long periodMillis(Duration idleTimeout) {
        return Math.max(MIN_PERIOD_MILLIS, idleTimeout.toMillis() / 4);
    }

    /** Starts sweeping {@code table}; cancel the future to stop. */
    static ScheduledFuture<?> start(EventExecutor loop, Duration idleTimeout, Expiring table) {
        long period = periodMillis(idleTimeout);
        long idleNanos = idleTimeout.toNanos();
        return loop.scheduleAtFixedRate(() -> table.expire(System.nanoTime(), idleNanos), period, period, TimeUnit.MILLISECONDS);
    }
}
