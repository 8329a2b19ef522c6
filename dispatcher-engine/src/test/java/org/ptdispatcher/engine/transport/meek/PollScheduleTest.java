package org.ptdispatcher.engine.transport.meek;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** lyrebird's poll intervals: Go's float64 arithmetic on nanoseconds, truncated. */
class PollScheduleTest {

    @Test
    void idlePollsBackOffByHalfAgainUpToFiveSeconds() {
        PollSchedule schedule = new PollSchedule();
        assertEquals(Duration.ofMillis(100), schedule.current());
        long[] expectedNanos = {150_000_000, 225_000_000, 337_500_000, 506_250_000, 759_375_000, 1_139_062_500, 1_708_593_750,
                2_562_890_625L, 3_844_335_937L, 5_000_000_000L, 5_000_000_000L};
        for (long expected : expectedNanos) {
            assertEquals(Duration.ofNanos(expected), schedule.afterRoundTrip(false, false));
        }
    }

    @Test
    void bytesEitherWayMeanAskAtOnceThenStartOverAt100Ms() {
        PollSchedule schedule = new PollSchedule();
        schedule.afterRoundTrip(false, false);
        assertEquals(Duration.ZERO, schedule.afterRoundTrip(true, false));
        assertEquals(Duration.ZERO, schedule.afterRoundTrip(false, true));
        assertEquals(Duration.ofMillis(100), schedule.afterRoundTrip(false, false));
        assertEquals(Duration.ofMillis(150), schedule.afterRoundTrip(false, false));
    }
}
