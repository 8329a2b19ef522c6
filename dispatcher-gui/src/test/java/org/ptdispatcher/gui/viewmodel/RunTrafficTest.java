package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.engine.LaunchPlanner;
import org.ptdispatcher.gui.engine.OutputLine;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.testing.FakeLauncher;
import org.ptdispatcher.gui.testing.FakeServices;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's traffic STATUS lines go to its {@link TrafficViewModel}, not to the problems; a start begins again from nothing. */
class RunTrafficTest {
    private static final EngineProgram ENGINE = new EngineProgram(List.of("/opt/ptd/bin/ptdispatcher"), true);
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final FakeServices fakes = new FakeServices();
    private final Profile client = Profile.builder(Role.CLIENT).name("c").transport("plain").build();

    private static void feed(RunViewModel run, Instant time, String... lines) {
        for (String line : lines) {
            run.accept(OutputLine.parse(OutputLine.Stream.STDOUT, line, time));
        }
    }

    @Test
    void trafficLinesBecomeTotalsAndRates() {
        RunViewModel run = new RunViewModel(client, fakes.services());
        feed(run, T0, "VERSION 2.2", "CMETHOD plain socks5 127.0.0.1:40200", "CMETHODS DONE",
                "STATUS TRANSPORT=plain BYTES-IN=48000000 BYTES-OUT=2100000 CONNECTIONS=1");
        feed(run, T0.plusSeconds(1), "STATUS TRANSPORT=plain BYTES-IN=49200000 BYTES-OUT=2135000 CONNECTIONS=1");
        TrafficViewModel traffic = run.traffic();
        assertEquals(49_200_000, traffic.receivedProperty().get());
        assertEquals(2_135_000, traffic.sentProperty().get());
        assertEquals(new TrafficViewModel.Rate(1_200_000, 35_000), traffic.rateProperty().get());
        assertTrue(run.problems().isEmpty(), "a report is no problem: " + run.problems());
        assertEquals(3, run.log().entries().size(), "a report a second stays out of the log: " + run.log().entries());
    }

    @Test
    void reportsDoNotPushTheEnginesLastWordsOutOfTheLastLines() {
        RunViewModel run = new RunViewModel(client, fakes.services());
        run.start(LaunchPlanner.plan(client, ENGINE, LaunchCommand.Style.FLAGS, Optional.empty(), Path.of("/state")));
        FakeLauncher.Engine engine = fakes.launcher.started().get(0);
        engine.writes("VERSION 2.2", "CMETHOD plain socks5 127.0.0.1:40200", "CMETHODS DONE", "LOG ERROR plain: the last word");
        for (int i = 0; i < 2 * RunViewModel.LAST_LINES; i++) {
            engine.writes("STATUS TRANSPORT=plain BYTES-IN=" + i + " BYTES-OUT=0 CONNECTIONS=1");
        }
        engine.exits(1);
        fakes.deliver();
        assertEquals("LOG ERROR plain: the last word", run.lastLines().get(run.lastLines().size() - 1), run.lastLines().toString());
    }

    @Test
    void torsConnectionStatusIsNotTraffic() {
        RunViewModel run = new RunViewModel(client, fakes.services());
        feed(run, T0, "VERSION 1", "STATUS TRANSPORT=obfs4 ADDRESS=192.0.2.3:443 CONNECT=Success");
        assertFalse(run.traffic().reportedProperty().get());
    }

    @Test
    void eachStartBeginsFromNothing() {
        RunViewModel run = new RunViewModel(client, fakes.services());
        run.start(LaunchPlanner.plan(client, ENGINE, LaunchCommand.Style.FLAGS, Optional.empty(), Path.of("/state")));
        fakes.launcher.started().get(0).writes("VERSION 2.2", "CMETHOD plain socks5 127.0.0.1:40200", "CMETHODS DONE",
                "STATUS TRANSPORT=plain BYTES-IN=1000 BYTES-OUT=10 CONNECTIONS=1");
        fakes.deliver();
        assertEquals(1000, run.traffic().receivedProperty().get());
        run.stop();
        fakes.launcher.started().get(0).exits(0);
        fakes.deliver();

        run.start(LaunchPlanner.plan(client, ENGINE, LaunchCommand.Style.FLAGS, Optional.empty(), Path.of("/state")));
        assertFalse(run.traffic().reportedProperty().get());
        assertEquals(0, run.traffic().receivedProperty().get());
    }
}
