package org.ptdispatcher.engine.transport.meek;

import java.time.Duration;

/**
 * When the client asks again, as lyrebird's {@code meek_lite} (and meek-client before it) decides:
 * at once after a round trip that carried bytes either way; after one that carried none, 100 ms if
 * the one before had carried some, else the last wait times 1.5, at most 5 s. The first wait is 100 ms.
 */
final class PollSchedule {
    static final Duration INITIAL = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofSeconds(5);
    private static final double MULTIPLIER = 1.5;

    private long intervalNanos = INITIAL.toNanos();

    /** The wait before the next request, after a round trip that {@code received} bytes and/or {@code sent} some. */
    Duration afterRoundTrip(boolean received, boolean sent) {
        if (received || sent) {
            intervalNanos = 0;
        } else if (intervalNanos == 0) {
            intervalNanos = INITIAL.toNanos();
        } else {
            // Go's time.Duration(float64(interval) * 1.5): nanoseconds, truncated.
            intervalNanos = Math.min((long) (intervalNanos * MULTIPLIER), MAX.toNanos());
        }
        return Duration.ofNanos(intervalNanos);
    }

    Duration current() {
        return Duration.ofNanos(intervalNanos);
    }
}
