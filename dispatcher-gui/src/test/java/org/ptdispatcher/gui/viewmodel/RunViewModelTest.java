package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.engine.EngineLocator;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.engine.LaunchPlanner;
import org.ptdispatcher.gui.engine.OutputLine;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileField;
import org.ptdispatcher.gui.testing.EchoServer;
import org.ptdispatcher.gui.testing.ChosenFiles;
import org.ptdispatcher.gui.testing.QueueExecutor;
import org.ptdispatcher.gui.testing.RealServices;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run's state from what the engine writes: first from lines as engines write them, then from real child processes. */
class RunViewModelTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final QueueExecutor fx = new QueueExecutor();
    private final ChosenFiles files = new ChosenFiles();

    @TempDir
    Path state;

    private RunViewModel run(Profile profile) {
        return new RunViewModel(profile, RealServices.delivering(fx, files));
    }

    private static void feed(RunViewModel run, OutputLine.Stream stream, String... lines) {
        for (String line : lines) {
            run.accept(OutputLine.parse(stream, line, Instant.EPOCH));
        }
    }

    private static Profile server(String transport, Map<String, String> options) {
        return Profile.builder(Role.SERVER).name("Office").transport(transport).listenAddress("0.0.0.0:443").target("127.0.0.1:9001")
                .options(options).build();
    }

    @Test
    void anObfs4ServerLineBecomesABridgeLineToShare() {
        RunViewModel run = run(server("obfs4", Map.of()));
        feed(run, OutputLine.Stream.STDOUT, "VERSION 1",
                "SMETHOD obfs4 0.0.0.0:443 ARGS:cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw,iat-mode=0",
                "SMETHODS DONE");
        assertEquals("1", run.versionProperty().get());
        ServerEndpoint server = run.servers().get(0);
        assertEquals("0.0.0.0:443", server.address());
        assertTrue(server.wildcard(), "0.0.0.0 must be replaced before sharing");
        assertEquals(Optional.of("obfs4 0.0.0.0:443 cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw iat-mode=0"),
                server.shareText());
    }

    @Test
    void aShadowServerLineBecomesAnSsLinkFromTheProfilesPassword() {
        RunViewModel run = run(server("shadow", Map.of("password", "test", "cipherName", "aes-128-gcm")));
        feed(run, OutputLine.Stream.STDOUT, "SMETHOD shadow 192.168.100.1:8888", "SMETHODS DONE");
        assertEquals(Optional.of("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Office"), run.servers().get(0).shareText());
    }

    @Test
    void errorsOnStderrAreExplainedAndLogged() {
        RunViewModel run = run(server("obfs4", Map.of()));
        feed(run, OutputLine.Stream.STDOUT, "VERSION 2.2");
        feed(run, OutputLine.Stream.STDERR, "SMETHOD-ERROR obfs4 cannot bind 0.0.0.0:443: Permission denied", "a stray Java warning");
        feed(run, OutputLine.Stream.STDOUT, "SMETHODS DONE", "LOG DEBUG plain: detail");
        assertEquals(1, run.problems().size());
        assertEquals(Optional.of(ProfileField.LISTEN), run.problems().get(0).field());
        assertEquals(List.of(LogLevel.INFO, LogLevel.ERROR, LogLevel.WARN, LogLevel.INFO, LogLevel.DEBUG),
                run.log().entries().stream().map(LogEntry::level).toList());
        run.log().levelFilterProperty().set(LogLevel.WARN);
        assertEquals(2, run.log().visible().size(), "errors and warnings");
        run.log().levelFilterProperty().set(LogLevel.DEBUG);
        run.log().searchProperty().set("BIND");
        assertEquals(1, run.log().visible().size(), "search ignores case");
        assertTrue(run.log().visibleText().contains("SMETHOD-ERROR obfs4 cannot bind"));
    }

    @Test
    void aRealClientWhosePortIsTakenIsAFailureNotARunningProxyAndIsStopped() throws Exception {
        EngineProgram engine = new EngineLocator().builtIn().orElseThrow(() -> new AssertionError("build ptdispatcher first: ./mvnw package"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Profile client = Profile.builder(Role.CLIENT).name("c").transport("plain").target("127.0.0.1:9")
                    .listenAddress("127.0.0.1:" + taken.getLocalPort()).build();
            RunViewModel run = run(client);
            run.start(LaunchPlanner.plan(client, engine, LaunchCommand.Style.FLAGS, Optional.empty(), state));
            long pid = run.pidProperty().get();
            fx.runUntil("the end of a run where nothing listens", DEADLINE, () -> run.state() == RunState.FAILED_TO_START);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the engine that serves nothing is stopped");
            assertEquals(1, run.problems().size(), "the CMETHOD-ERROR, explained: " + run.problems());
            assertEquals(Optional.of(ProfileField.LISTEN), run.problems().get(0).field());
            assertTrue(run.proxies().isEmpty());
            assertEquals(null, run.endingProperty().get(), "no \"stopped as asked\": the app stopped it, and the problem says why");
        }
    }

    @Test
    void aRealClientStartsAnnouncesItsProxyPassesATestAndIsGoneAfterStop() throws Exception {
        EngineProgram engine = new EngineLocator().builtIn().orElseThrow(() -> new AssertionError("build ptdispatcher first: ./mvnw package"));
        try (EchoServer echo = EchoServer.start()) {
            Profile client = Profile.builder(Role.CLIENT).name("c").transport("plain").target(echo.address()).build();
            RunViewModel run = run(client);
            run.start(LaunchPlanner.plan(client, engine, LaunchCommand.Style.FLAGS, Optional.empty(), state));
            assertEquals(RunState.STARTING, run.state());
            fx.runUntil("CMETHODS DONE", DEADLINE, () -> run.state() == RunState.RUNNING);
            assertEquals("2.2", run.versionProperty().get());
            assertEquals("socks5", run.proxies().get(0).protocol());
            long pid = run.pidProperty().get();

            ConnectionTestViewModel test = run.connectionTest();
            assertTrue(test.isAvailable());
            assertEquals(echo.address(), test.destinationProperty().get());
            assertTrue(test.run());
            fx.runUntil("the connection test", DEADLINE, () -> test.resultProperty().get() != null);
            assertTrue(test.resultProperty().get() instanceof ConnectionTestResult.Answered, String.valueOf(test.resultProperty().get()));

            run.stop();
            fx.runUntil("the exit after Stop", DEADLINE, () -> run.state() == RunState.STOPPED);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child is gone");
            assertEquals("exit.stopped", run.endingProperty().get().messageKey());
            assertTrue(run.proxies().isEmpty());
            assertTrue(run.lastLines().isEmpty(), "last lines are for engines that end on their own");
        }
    }

    @Test
    void aRealEngineKilledWhileRunningIsStartedAgainOnItsPortAndCarriesTrafficAgain() throws Exception {
        EngineProgram engine = new EngineLocator().builtIn().orElseThrow(() -> new AssertionError("build ptdispatcher first: ./mvnw package"));
        try (EchoServer echo = EchoServer.start()) {
            int port = freePort();
            Profile client = Profile.builder(Role.CLIENT).name("c").transport("plain").target(echo.address())
                    .listenAddress("127.0.0.1:" + port).build();
            RunViewModel run = run(client);
            run.start(LaunchPlanner.plan(client, engine, LaunchCommand.Style.FLAGS, Optional.empty(), state));
            fx.runUntil("CMETHODS DONE", DEADLINE, () -> run.state() == RunState.RUNNING);
            long first = run.pidProperty().get();

            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            fx.runUntil("the wait before it starts again", DEADLINE, () -> run.state() == RunState.RESTARTING);
            fx.runUntil("the engine up again", DEADLINE, () -> run.state() == RunState.RUNNING);
            assertTrue(run.pidProperty().get() != first, "a new child");
            assertEquals(1, run.autoRestart().restartsProperty().get());
            assertEquals("127.0.0.1:" + port, run.proxies().get(0).address(), "the port the browser was pointed at");
            assertTrue(run.connectionTest().run());
            fx.runUntil("the connection test", DEADLINE, () -> run.connectionTest().resultProperty().get() != null);
            assertTrue(run.connectionTest().resultProperty().get().succeeded(), String.valueOf(run.connectionTest().resultProperty().get()));

            run.stop();
            fx.runUntil("the exit after Stop", DEADLINE, () -> run.state() == RunState.STOPPED);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRealEngineThatRefusesItsSettingsEndsAloneWithTheFieldToFixAndItsLastLines() throws Exception {
        EngineProgram engine = new EngineLocator().builtIn().orElseThrow(() -> new AssertionError("build ptdispatcher first: ./mvnw package"));
        Profile client = Profile.builder(Role.CLIENT).name("c").transport("plain").upstreamProxy("socks5://nowhere").build();
        RunViewModel run = run(client);
        run.start(LaunchPlanner.plan(client, engine, LaunchCommand.Style.FLAGS, Optional.empty(), state));
        fx.runUntil("the engine to end", DEADLINE, () -> run.state() == RunState.ENDED_ALONE);
        // A malformed upstream proxy is the spec's PROXY-ERROR, then EX_UNAVAILABLE (69): the engine reads the
        // URI only after the configuration passed (that would have been ENV-ERROR and 64), so 69 is the one outcome.
        assertEquals("error.proxy", run.problems().get(0).messageKey(), run.problems().toString());
        assertEquals(Optional.of(ProfileField.PROXY), run.problems().get(0).field(), run.problems().toString());
        assertEquals("exit.proxy", run.endingProperty().get().messageKey());
        assertEquals(List.of("69"), run.endingProperty().get().args());
        assertFalse(run.lastLines().isEmpty());
    }

    @Test
    void aProgramThatDoesNotExistFailsToStartInWords() throws Exception {
        Profile client = Profile.blank(Role.CLIENT, "c", "plain");
        RunViewModel run = run(client);
        Path missing = state.resolve("no-such-engine");
        assertFalse(Files.exists(missing));
        run.start(LaunchPlanner.plan(client, new EngineProgram(List.of(missing.toString()), false), LaunchCommand.Style.FLAGS, Optional.empty(), state));
        assertEquals(RunState.FAILED_TO_START, run.state());
        assertEquals("error.startFailed", run.endingProperty().get().messageKey());
        assertEquals(Optional.of(ProfileField.ENGINE), run.endingProperty().get().field());
    }
}
