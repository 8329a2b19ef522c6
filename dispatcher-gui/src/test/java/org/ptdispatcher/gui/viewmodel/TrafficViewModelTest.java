package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.ipc.TrafficStatus;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficViewModelTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final TrafficViewModel traffic = new TrafficViewModel();

    private void report(long in, long out, long millisAfterT0) {
        traffic.report(new TrafficStatus("plain", in, out, 1).toMessage(), T0.plusMillis(millisAfterT0));
    }

    @Test
    void theFirstReportGivesTotalsAndTheSecondARate() {
        assertFalse(traffic.reportedProperty().get());
        report(1_000_000, 20_000, 0);
        assertTrue(traffic.reportedProperty().get());
        assertEquals(1_000_000, traffic.receivedProperty().get());
        assertEquals(20_000, traffic.sentProperty().get());
        assertEquals(TrafficViewModel.Rate.ZERO, traffic.rateProperty().get(), "one report: no rate yet");
        assertTrue(traffic.samples().isEmpty());

        report(3_400_000, 90_000, 2000);
        assertEquals(new TrafficViewModel.Rate(1_200_000, 35_000), traffic.rateProperty().get(),
                "the difference of the totals over the time between the lines, not the interval asked for");
        assertEquals(3_400_000, traffic.receivedProperty().get());
        assertEquals(90_000, traffic.sentProperty().get());
        assertEquals(1, traffic.samples().size());
    }

    @Test
    void theChartKeepsTheLastSixtyRates() {
        for (int second = 0; second <= 100; second++) {
            report(second * 1000L, second, second * 1000L);
        }
        assertEquals(TrafficViewModel.SAMPLES, traffic.samples().size());
        assertTrue(traffic.samples().stream().allMatch(r -> r.down() == 1000 && r.up() == 1));
        report(100_000 + 5000, 100, 101_000);
        assertEquals(TrafficViewModel.SAMPLES, traffic.samples().size());
        assertEquals(new TrafficViewModel.Rate(5000, 0), traffic.samples().get(TrafficViewModel.SAMPLES - 1), "the newest last");
    }

    @Test
    void afterARestartTheTotalsGoOnFromWhereTheyWereAndTheNewEnginesCountsAddToThem() {
        report(500, 50, 0);
        report(1500, 150, 1000);
        traffic.continueAfterRestart();
        assertEquals(1500, traffic.receivedProperty().get());
        assertEquals(TrafficViewModel.Rate.ZERO, traffic.rateProperty().get(), "the engine that carried it is gone");

        report(100, 10, 5000);
        assertEquals(1600, traffic.receivedProperty().get());
        assertEquals(160, traffic.sentProperty().get());
        assertEquals(TrafficViewModel.Rate.ZERO, traffic.rateProperty().get(), "the new engine's first report: no rate yet");
        report(300, 30, 6000);
        assertEquals(new TrafficViewModel.Rate(200, 20), traffic.rateProperty().get());
        assertEquals(2, traffic.samples().size(), "the chart goes on");
        traffic.reset();
        report(100, 10, 7000);
        assertEquals(100, traffic.receivedProperty().get(), "a start of the user's counts from 0 again");
    }

    @Test
    void aStartResetsEverything() {
        report(500, 50, 0);
        report(1500, 150, 1000);
        traffic.reset();
        assertFalse(traffic.reportedProperty().get());
        assertEquals(0, traffic.receivedProperty().get());
        assertEquals(0, traffic.sentProperty().get());
        assertEquals(TrafficViewModel.Rate.ZERO, traffic.rateProperty().get());
        assertTrue(traffic.samples().isEmpty());
        report(10, 1, 5000);
        assertEquals(TrafficViewModel.Rate.ZERO, traffic.rateProperty().get(), "a new engine's first report is a new start, not a fall");
    }

    @Test
    void totalsThatGoBackAndLinesThatAreNotCountsGiveNoRate() {
        report(5000, 500, 0);
        report(100, 10, 1000);
        assertEquals(TrafficViewModel.Rate.ZERO, traffic.rateProperty().get());
        assertTrue(traffic.samples().isEmpty());
        assertEquals(100, traffic.receivedProperty().get(), "the engine's totals are the truth");
        traffic.report(new IpcMessage.Status("plain", Map.of("BYTES-IN", "lots", "BYTES-OUT", "1")), T0.plusMillis(2000));
        assertEquals(100, traffic.receivedProperty().get());
        report(100, 10, 1000); // the same time as a line before: no time between them
        assertTrue(traffic.samples().isEmpty());
    }

    @Test
    void severalTransportsAddUp() {
        traffic.report(new TrafficStatus("obfs4", 1000, 100, 1).toMessage(), T0);
        traffic.report(new TrafficStatus("plain", 10, 1, 1).toMessage(), T0);
        traffic.report(new TrafficStatus("obfs4", 3000, 100, 1).toMessage(), T0.plusSeconds(1));
        traffic.report(new TrafficStatus("plain", 20, 3, 1).toMessage(), T0.plusSeconds(1));
        assertEquals(3020, traffic.receivedProperty().get());
        assertEquals(103, traffic.sentProperty().get());
        assertEquals(new TrafficViewModel.Rate(2010, 2), traffic.rateProperty().get());
    }
}
