package org.ptdispatcher.engine.mode;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The datagram modes' idle sweep, on an event loop whose clock moves only when told. */
class IdleSweepTest {

    @Test
    void thePeriodIsAQuarterOfTheTimeoutAndAtLeastASecond() {
        assertEquals(75_000, IdleSweep.periodMillis(Duration.ofSeconds(300)));
        assertEquals(1_000, IdleSweep.periodMillis(Duration.ofSeconds(2)));
    }

    @Test
    void theTableIsSweptOncePerPeriodWithTheTimeoutUntilCancelled() {
        MockTicker clock = Ticker.newMockTicker();
        EmbeddedChannel channel = EmbeddedChannel.builder().ticker(clock).build();
        List<Long> sweeps = new ArrayList<>();
        ScheduledFuture<?> sweep = IdleSweep.start(channel.eventLoop(), Duration.ofSeconds(8), (now, idle) -> sweeps.add(idle));

        clock.advance(1999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(List.of(), sweeps, "not before a quarter of the timeout");
        clock.advance(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(List.of(8_000_000_000L), sweeps);
        clock.advance(2000, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(2, sweeps.size());

        sweep.cancel(false);
        clock.advance(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(2, sweeps.size(), "no sweep after it was cancelled");
        channel.finishAndReleaseAll();
    }
}
