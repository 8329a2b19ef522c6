package org.ptdispatcher.engine.transport.optimizer;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When each entry may be tried again after failing: one second after its first failure, doubling
 * with each failure in a row up to a minute, and forgotten at its next success. A failed
 * transport is only put back, never excluded for good: a bridge that was down comes back, and one
 * blocked for a while may be unblocked. Thread-safe (connections dial on several event loops).
 */
final class EntryBackoff {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration LONGEST_DELAY = Duration.ofMinutes(1);

    private final LongSupplier nanoClock;
    private final int[] failuresInARow;
    private final long[] retryAt;

    EntryBackoff(int entries, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.failuresInARow = new int[entries];
        this.retryAt = new long[entries];
    }

    /** Whether {@code entry} has no back-off running now. */
    synchronized boolean ready(int entry) {
        return failuresInARow[entry] == 0 || nanoClock.getAsLong() - retryAt[entry] >= 0;
    }

    /** Records a failure; returns how long the entry now waits before it is preferred again. */
    synchronized Duration failed(int entry) {
        int failures = ++failuresInARow[entry];
        Duration delay = delayAfter(failures);
        retryAt[entry] = nanoClock.getAsLong() + delay.toNanos();
        return delay;
    }

    synchronized void succeeded(int entry) {
        failuresInARow[entry] = 0;
    }

    /** 1 s, 2 s, 4 s, ... at most {@link #LONGEST_DELAY}. */
    static Duration delayAfter(int failuresInARow) {
        int doublings = Math.min(failuresInARow - 1, 16);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }
}
