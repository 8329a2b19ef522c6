package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.testing.FakeLauncher;
import org.ptdispatcher.gui.testing.FakeServices;
import org.ptdispatcher.gui.testing.FakeTor;
import org.ptdispatcher.gui.tor.TorProxies;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine (or tor) that ends by itself after it was running is started again after a wait that
 * doubles, the count is kept for the window, and it gives up after five in a row. With the app's
 * services as fakes, and time moved by the test ({@link org.ptdispatcher.gui.testing.ManualScheduler}).
 */
class AutoRestartTest {
    private static final String BRIDGE = "obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413"
            + " cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw iat-mode=0";

    private final FakeServices fakes = new FakeServices();
    private final Messages messages = new Messages(Language.ENGLISH);

    @TempDir
    Path config;

    private RunViewModel runningClient() {
        MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages, fakes.services());
        main.newProfile(Role.CLIENT);
        main.form().transportProperty().set("plain");
        assertTrue(main.startSelected());
        comesUp(lastEngine());
        RunViewModel run = main.selectedRun().orElseThrow();
        assertEquals(RunState.RUNNING, run.state());
        return run;
    }

    private FakeLauncher.Engine lastEngine() {
        List<FakeLauncher.Engine> started = fakes.launcher.started();
        return started.get(started.size() - 1);
    }

    private void comesUp(FakeLauncher.Engine engine) {
        engine.writes("VERSION 2.2", "CMETHOD plain socks5 127.0.0.1:40100", "CMETHODS DONE");
        fakes.deliver();
    }

    private void dies(FakeLauncher.Engine engine) {
        engine.exits(137);
        fakes.deliver();
    }

    @Test
    void anEngineThatDiesWhileRunningStartsAgainWithTheSamePlanAfterWaitsThatDoubleAndTheCountIsShown() {
        RunViewModel run = runningClient();
        List<Duration> waits = new ArrayList<>();
        for (int restart = 1; restart <= AutoRestart.MAX_IN_A_ROW; restart++) {
            FakeLauncher.Engine before = lastEngine();
            dies(before);
            assertEquals(RunState.RESTARTING, run.state(), "restart " + restart);
            assertTrue(run.state().isActive(), "Stop stays offered while it waits");
            assertEquals(restart, run.autoRestart().inARow());
            Duration wait = fakes.time.nextIn().orElseThrow();
            waits.add(wait);
            assertEquals(wait, run.autoRestart().waitingProperty().get(), "the window can say how long");

            fakes.time.advance(wait.minusMillis(1));
            assertEquals(restart, fakes.launcher.started().size(), "not before its time");
            fakes.time.advance(Duration.ofMillis(1));
            assertEquals(restart + 1, fakes.launcher.started().size());
            assertEquals(before.plan(), lastEngine().plan(), "started again the way the user started it");
            assertEquals(RunState.STARTING, run.state());
            assertEquals(restart, run.autoRestart().restartsProperty().get());
            comesUp(lastEngine());
            assertEquals(RunState.RUNNING, run.state());
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16)), waits);

        dies(lastEngine());
        assertEquals(RunState.ENDED_ALONE, run.state(), "five in a row is enough: it keeps dying");
        assertTrue(run.autoRestart().gaveUpProperty().get());
        assertEquals(Optional.empty(), fakes.time.nextIn(), "nothing waits");
        assertEquals(AutoRestart.MAX_IN_A_ROW + 1, fakes.launcher.started().size());
    }

    @Test
    void aRunThatStayedUpForTwoMinutesCountsItsNextEndAsTheFirst() {
        RunViewModel run = runningClient();
        dies(lastEngine());
        fakes.time.advance(Duration.ofSeconds(1));
        comesUp(lastEngine());
        dies(lastEngine());
        assertEquals(2, run.autoRestart().inARow());
        fakes.time.advance(Duration.ofSeconds(2));
        comesUp(lastEngine());

        fakes.time.advance(AutoRestart.STABLE);
        dies(lastEngine());
        assertEquals(1, run.autoRestart().inARow(), "it was fine for a while");
        assertEquals(Optional.of(Duration.ofSeconds(1)), fakes.time.nextIn());
        assertEquals(2, run.autoRestart().restartsProperty().get(), "the count since Start goes on");
    }

    @Test
    void stopWhileItWaitsStartsNothingMoreAndAnotherStartCountsFromZero() {
        RunViewModel run = runningClient();
        dies(lastEngine());
        assertEquals(RunState.RESTARTING, run.state());
        assertTrue(run.stop().isDone());
        assertEquals(RunState.STOPPED, run.state());
        assertNull(run.autoRestart().waitingProperty().get());
        fakes.time.advance(Duration.ofMinutes(5));
        assertEquals(1, fakes.launcher.started().size(), "the cancelled restart never runs");
    }

    @Test
    void anEngineThatEndsWhileStartingIsNotStartedAgain() {
        MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages, fakes.services());
        main.newProfile(Role.CLIENT);
        main.form().transportProperty().set("plain");
        assertTrue(main.startSelected());
        lastEngine().writes("VERSION 2.2", "ENV-ERROR the port is in use");
        dies(lastEngine());
        RunViewModel run = main.selectedRun().orElseThrow();
        assertEquals(RunState.ENDED_ALONE, run.state(), "its reason (a port in use, a bad option) does not change by trying again");
        assertEquals(Optional.empty(), fakes.time.nextIn());
        assertFalse(run.autoRestart().gaveUpProperty().get());
    }

    @Test
    void theTrafficTotalsGoOnAcrossARestartAndAStopAndStartBeginsThemAgain() {
        RunViewModel run = runningClient();
        lastEngine().writes("STATUS TRANSPORT=plain BYTES-IN=4000 BYTES-OUT=300 CONNECTIONS=1");
        fakes.deliver();
        dies(lastEngine());
        fakes.time.advance(fakes.time.nextIn().orElseThrow());
        comesUp(lastEngine());
        lastEngine().writes("STATUS TRANSPORT=plain BYTES-IN=1000 BYTES-OUT=100 CONNECTIONS=1");
        fakes.deliver();
        assertEquals(5000, run.traffic().receivedProperty().get());
        assertEquals(400, run.traffic().sentProperty().get());

        run.stop();
        fakes.deliver();
        run.start(lastEngine().plan());
        comesUp(lastEngine());
        assertEquals(0, run.traffic().receivedProperty().get(), "the user's start is a new run");
    }

    @Test
    void theConnectionTestsGreenGoesWithTheRunItWasTakenIn() {
        RunViewModel run = runningClient();
        fakes.tester.answering(new ConnectionTestResult.Answered("www.wikipedia.org:443", Duration.ofMillis(5), Duration.ofMillis(17)));
        run.connectionTest().destinationProperty().set("www.wikipedia.org:443");
        assertTrue(run.connectionTest().run());
        fakes.deliver();
        assertTrue(run.connectionTest().resultProperty().get().succeeded());
        dies(lastEngine());
        assertNull(run.connectionTest().resultProperty().get(), "a killed engine's proxy is not working");
    }

    @Test
    void torThatEndsByItselfAfterItWasConnectedIsStartedAgainWithTheSameRequest() {
        MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages, fakes.services());
        assertTrue(main.importText(BRIDGE).succeeded());
        main.settings().setTor("/usr/bin/tor");
        assertTrue(main.startSelected());
        RunViewModel run = main.selectedRun().orElseThrow();
        FakeTor.Run<TorProxies> tor = fakes.tor.clients().get(0);
        tor.progresses(100, "done", "Done").ready(new TorProxies(HostPort.parseDestination("127.0.0.1:40200"), HostPort.parseDestination("127.0.0.1:40201")));
        fakes.deliver();
        assertEquals(RunState.RUNNING, run.state());

        tor.exits(1, Optional.empty());
        fakes.deliver();
        assertEquals(RunState.RESTARTING, run.state());
        fakes.time.advance(Duration.ofSeconds(1));
        assertEquals(2, fakes.tor.connectRequests().size());
        assertEquals(fakes.tor.connectRequests().get(0), fakes.tor.connectRequests().get(1));
        assertEquals(RunState.STARTING, run.state());
    }
}
