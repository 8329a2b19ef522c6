package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.BridgeProbe;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.engine.EngineLocator;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.profile.TorMode;
import org.ptdispatcher.gui.share.ProfileImport;
import org.ptdispatcher.gui.share.ShareText;
import org.ptdispatcher.gui.testing.ChosenFiles;
import org.ptdispatcher.gui.testing.EchoServer;
import org.ptdispatcher.gui.testing.QueueExecutor;
import org.ptdispatcher.gui.testing.RealServices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Test all" with the real engine and real peers: a Shadowsocks client of a real ss-server
 * that forwards to a local echo server works, one whose server is down (a closed port) does not,
 * and says so; a client through Tor is left to tor. The working one is the best, "Connect the
 * best" starts it, and no probe's engine is left running. With obfs4proxy as the engine, a real
 * obfs4proxy bridge is probed with its cert (per connection, as version 1 takes it), and a wrong
 * cert fails after the bridge answered. Closing the app kills a probe's engine mid-test. And a
 * Shadowsocks client with a second server among its more bridges and no Tor runs as the engine's
 * Optimizer, which gets through the second when the first is down.
 */
class ConnectionAssistViewModelTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String CIPHER = "aes-256-gcm";
    private static final String PASSWORD = "assist password";
    private final QueueExecutor fx = new QueueExecutor();
    private final Messages messages = new Messages(Language.ENGLISH);
    private Process ssServer;
    private Process secondSsServer;
    private Process obfs4Server;

    @TempDir
    Path config;

    @AfterEach
    void stopPeers() throws Exception {
        for (Process peer : new Process[] {ssServer, secondSsServer, obfs4Server}) {
            if (peer != null) {
                peer.destroy();
                peer.waitFor();
            }
        }
    }

    @Test
    void theWorkingProfileIsBestTheDownOneSaysWhyTorIsLeftToTorAndNoProbeIsLeftRunning() throws Exception {
        requireEngineAndSsServer();
        try (EchoServer echo = EchoServer.start()) {
            int ssPort = freePort();
            ssServer = ssServer(ssPort);
            awaitListening(ssPort);
            int closed = freePort();

            Profile working = shadowClient("Working", ssPort, echo);
            Profile down = shadowClient("Down", closed, echo);
            Profile throughTor = Profile.builder(Role.CLIENT).name("Tor bridge").transport("obfs4").target("192.0.2.1:443")
                    .fingerprint("0123456789ABCDEF0123456789ABCDEF01234567").torMode(TorMode.THROUGH_TOR).build();
            Profile server = Profile.builder(Role.SERVER).name("A server").transport("plain").listenAddress("127.0.0.1:0")
                    .target(echo.address()).build();
            new ProfileStore(config).save(List.of(down, throughTor, working, server));
            MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages,
                    RealServices.delivering(fx, new ChosenFiles()));
            ConnectionAssistViewModel assist = main.assist();

            assertTrue(main.testAll());
            assertTrue(assist.testingProperty().get());
            assertEquals(3, assist.rows().size(), "the clients, not the server: " + assist.rows().keySet());
            assertEquals(ConnectionAssistViewModel.Outcome.THROUGH_TOR, assist.rows().get(throughTor.id()).outcome());
            assertEquals("Through Tor: not tested here; tor tests its bridges when it connects.",
                    ConnectionAssistViewModel.describe(assist.rows().get(throughTor.id()), messages));
            assertEquals(ConnectionAssistViewModel.Outcome.TESTING, assist.rows().get(working.id()).outcome());
            assertFalse(main.testAll(), "one test at a time: one probe per profile per test");
            assertEquals("Testing 2 profile(s), each once…", main.statusProperty().get());

            fx.runUntil("every probe's result", DEADLINE, () -> !assist.testingProperty().get());
            assertEquals(List.of(), probeEngines(), "no probe's engine is left running");

            ConnectionAssistViewModel.Row good = assist.rows().get(working.id());
            assertEquals(ConnectionAssistViewModel.Outcome.WORKS, good.outcome(), String.valueOf(good));
            BridgeProbe.Result goodResult = good.result().orElseThrow();
            assertTrue(goodResult.tcp().isPresent(), "ss-server's port answered: " + goodResult);
            assertTrue(goodResult.tunnel().orElseThrow() instanceof ConnectionTestResult.Answered, String.valueOf(goodResult));
            assertTrue(echo.acceptedConnections() >= 1, "the round trip went through ss-server to the echo server");
            String goodText = ConnectionAssistViewModel.describe(good, messages);
            assertTrue(goodText.matches("The bridge 127\\.0\\.0\\.1:" + ssPort + " answered in \\d+ ms\\. "
                    + "The handshake and a round trip through the transport took \\d+ ms\\."), goodText);

            ConnectionAssistViewModel.Row bad = assist.rows().get(down.id());
            assertEquals(ConnectionAssistViewModel.Outcome.FAILED, bad.outcome(), String.valueOf(bad));
            BridgeProbe.Result badResult = bad.result().orElseThrow();
            assertTrue(badResult.tcp().isEmpty());
            assertTrue(badResult.tunnel().isEmpty(), "no engine for a bridge that does not answer: " + badResult);
            String badText = ConnectionAssistViewModel.describe(bad, messages);
            assertTrue(badText.startsWith("The bridge 127.0.0.1:" + closed + " did not answer: Connection refused"), badText);

            assertEquals(working.id(), assist.best().orElseThrow().id(), "the working one is the best");
            assertTrue(assist.isBest(working));
            assertEquals("Best: " + goodText, assist.line(good, messages), "the list marks the best");
            assertEquals(badText, assist.line(bad, messages));
            assertTrue(main.statusProperty().get().startsWith("1 profile(s) work. The best is Working: "), main.statusProperty().get());

            assertTrue(main.connectBest());
            assertEquals(working.id(), main.selectedProperty().get().id(), "the best is selected as it starts");
            RunViewModel run = main.runFor(working);
            fx.runUntil("the best connected", DEADLINE, () -> run.state() == RunState.RUNNING);
            assertTrue(run.connectionTest().run());
            fx.runUntil("a test through the best", DEADLINE, () -> run.connectionTest().resultProperty().get() != null);
            assertTrue(run.connectionTest().resultProperty().get().succeeded(), String.valueOf(run.connectionTest().resultProperty().get()));
            run.stop();
            fx.runUntil("the best stopped", DEADLINE, () -> run.state() == RunState.STOPPED);
            assertEquals(List.of(), probeEngines(), "nothing but ss-server is left");
        }
    }

    @Test
    void aClientWithoutTorWhoseOwnServerIsDownGetsThroughItsMoreBridgeWithTheOptimizer() throws Exception {
        requireEngineAndSsServer();
        try (EchoServer echo = EchoServer.start()) {
            int ssPort = freePort();
            ssServer = ssServer(ssPort);
            awaitListening(ssPort);
            String up = ShareText.forClient(shadowClient("up", ssPort, echo)).orElseThrow();
            Profile twoServers = shadowClient("Two servers", freePort(), echo).toBuilder().moreBridges(List.of(up)).build();
            new ProfileStore(config).save(List.of(twoServers));
            MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages,
                    RealServices.delivering(fx, new ChosenFiles()));
            main.selectedProperty().set(main.profiles().get(0));

            assertTrue(main.testAll());
            fx.runUntil("the probe's result", DEADLINE, () -> !main.assist().testingProperty().get());
            ConnectionAssistViewModel.Row probed = main.assist().rows().get(twoServers.id());
            assertEquals(ConnectionAssistViewModel.Outcome.WORKS, probed.outcome(), "Test all goes through the Optimizer too: " + probed);

            assertTrue(main.startSelected(), main.statusProperty().get());
            RunViewModel run = main.runFor(main.profiles().get(0));
            fx.runUntil("running", DEADLINE, () -> run.state() == RunState.RUNNING);
            assertTrue(run.connectionTest().run());
            fx.runUntil("a test through the profile", DEADLINE, () -> run.connectionTest().resultProperty().get() != null);
            assertTrue(run.connectionTest().resultProperty().get().succeeded(), run.connectionTest().resultProperty().get() + "\n"
                    + String.join("\n", run.log().entries().stream().map(e -> e.text()).toList()));
            assertTrue(echo.acceptedConnections() >= 1, "the round trip went through ss-server to the echo server");
            // The engine's LOG line comes through its stdout, on a thread of its own: wait for it too.
            fx.runUntil("the log says the second server carried it", DEADLINE, () -> run.log().entries().stream()
                    .anyMatch(e -> e.text().contains("Optimizer: transports[1] (shadow) carries the connection")));
            run.stop();
            fx.runUntil("stopped", DEADLINE, () -> run.state() == RunState.STOPPED);
        }
    }

    @Test
    void whileRunningWithoutTorAServerThatStopsIsReplacedByTheNextForTheNextConnectionAndTheRunSaysWhich() throws Exception {
        requireEngineAndSsServer();
        try (EchoServer echo = EchoServer.start()) {
            int first = freePort();
            ssServer = ssServer(first);
            int second = freePort();
            secondSsServer = ssServer(second);
            awaitListening(first);
            awaitListening(second);
            String secondLink = ShareText.forClient(shadowClient("second", second, echo)).orElseThrow();
            Profile twoServers = shadowClient("Two servers", first, echo).toBuilder().moreBridges(List.of(secondLink)).build();
            new ProfileStore(config).save(List.of(twoServers));
            MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages,
                    RealServices.delivering(fx, new ChosenFiles()));
            main.selectedProperty().set(main.profiles().get(0));
            assertTrue(main.startSelected(), main.statusProperty().get());
            RunViewModel run = main.runFor(main.profiles().get(0));
            fx.runUntil("running", DEADLINE, () -> run.state() == RunState.RUNNING);

            testThrough(run);
            fx.runUntil("the first server named as the one in use", DEADLINE,
                    () -> run.bridgeInUseProperty().get().equals("shadow 127.0.0.1:" + first));

            ssServer.destroy();
            ssServer.waitFor();
            testThrough(run);
            fx.runUntil("the second server named as the one in use", DEADLINE,
                    () -> run.bridgeInUseProperty().get().equals("shadow 127.0.0.1:" + second));
            assertEquals(RunState.RUNNING, run.state(), "the run went on, without the user acting");
            run.stop();
            fx.runUntil("stopped", DEADLINE, () -> run.state() == RunState.STOPPED);
        }
    }

    /** A connection test through the run's proxy, which must succeed. */
    private void testThrough(RunViewModel run) throws InterruptedException {
        assertTrue(run.connectionTest().run());
        fx.runUntil("a test through the profile", DEADLINE, () -> run.connectionTest().resultProperty().get() != null
                && !run.connectionTest().testingProperty().get());
        assertTrue(run.connectionTest().resultProperty().get().succeeded(), String.valueOf(run.connectionTest().resultProperty().get()));
    }

    @Test
    void withNothingToProbeItSaysSoAndNothingIsBest() throws Exception {
        Profile throughTor = Profile.builder(Role.CLIENT).name("Tor bridge").transport("obfs4").target("192.0.2.1:443")
                .fingerprint("0123456789ABCDEF0123456789ABCDEF01234567").build();
        new ProfileStore(config).save(List.of(throughTor));
        MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages,
                RealServices.delivering(fx, new ChosenFiles()));
        assertTrue(main.testAll());
        assertFalse(main.assist().testingProperty().get());
        assertEquals(ConnectionAssistViewModel.Outcome.THROUGH_TOR, main.assist().rows().get(throughTor.id()).outcome());
        assertTrue(main.assist().best().isEmpty());
        assertFalse(main.connectBest());
        assertTrue(main.statusProperty().get().startsWith("There is no client profile that runs directly to test"), main.statusProperty().get());
    }

    @Test
    void obfs4proxyAsTheEngineProbesARealObfs4proxyBridgeWithItsCertAsPerConnectionArguments() throws Exception {
        Path obfs4proxy = Path.of("/usr/bin/obfs4proxy");
        Assumptions.assumeTrue(Files.isExecutable(obfs4proxy) || "true".equalsIgnoreCase(System.getenv("CI")),
                "obfs4proxy not found: apt-get install obfs4proxy");
        try (EchoServer echo = EchoServer.start()) {
            int port = freePort();
            Path serverState = Files.createDirectories(config.resolve("obfs4-server"));
            ProcessBuilder builder = new ProcessBuilder(obfs4proxy.toString()).redirectErrorStream(true);
            builder.environment().put("TOR_PT_MANAGED_TRANSPORT_VER", "1");
            builder.environment().put("TOR_PT_SERVER_TRANSPORTS", "obfs4");
            builder.environment().put("TOR_PT_SERVER_BINDADDR", "obfs4-127.0.0.1:" + port);
            builder.environment().put("TOR_PT_ORPORT", echo.address());
            builder.environment().put("TOR_PT_STATE_LOCATION", serverState.toString());
            obfs4Server = builder.start();
            String cert = certOf(obfs4Server);
            Profile bridge = Profile.builder(Role.CLIENT).name("obfs4 bridge").transport("obfs4").target("127.0.0.1:" + port)
                    .options(Map.of("cert", cert, "iat-mode", "0")).torMode(TorMode.DIRECT).build();
            Profile wrongCert = Profile.builder(Role.CLIENT).name("wrong cert").transport("obfs4").target("127.0.0.1:" + port)
                    .options(Map.of("cert", cert.substring(0, 10) + (cert.charAt(10) == 'A' ? 'B' : 'A') + cert.substring(11), "iat-mode", "0"))
                    .torMode(TorMode.DIRECT).build();
            new ProfileStore(config).save(List.of(wrongCert, bridge));
            MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages,
                    RealServices.delivering(fx, new ChosenFiles()));
            main.settings().setEngine(obfs4proxy.toString(), LaunchCommand.Style.ENVIRONMENT);
            fx.runPending();

            assertTrue(main.testAll());
            fx.runUntil("both probes", DEADLINE, () -> !main.assist().testingProperty().get());
            assertEquals(List.of(), probeEngines(), "no probe's obfs4proxy is left running");
            ConnectionAssistViewModel.Row good = main.assist().rows().get(bridge.id());
            assertEquals(ConnectionAssistViewModel.Outcome.WORKS, good.outcome(), String.valueOf(good));
            assertTrue(echo.acceptedConnections() >= 1, "through the bridge to what it forwards to");
            ConnectionAssistViewModel.Row bad = main.assist().rows().get(wrongCert.id());
            assertEquals(ConnectionAssistViewModel.Outcome.FAILED, bad.outcome(), String.valueOf(bad));
            assertTrue(bad.result().orElseThrow().tcp().isPresent(), "its bridge answers: only the handshake fails");
            String badText = ConnectionAssistViewModel.describe(bad, messages);
            assertTrue(badText.startsWith("The bridge 127.0.0.1:" + port + " answered in "), badText);
            assertEquals(bridge.id(), main.assist().best().orElseThrow().id());
        }
    }

    @Test
    void closingTheAppWhileProbesRunLeavesNoEngine() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // A bridge that takes the connection and never answers: the probe's engine is up and waiting when the app closes.
            Profile quiet = Profile.builder(Role.CLIENT).name("Quiet").transport("plain").target("127.0.0.1:" + silent.getLocalPort()).build();
            new ProfileStore(config).save(List.of(quiet));
            MainViewModel main = new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages,
                    RealServices.delivering(fx, new ChosenFiles()));
            assertTrue(main.testAll());
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (probeEngines().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, probeEngines().size(), "the probe's engine runs: " + probeEngines());
            main.stopAll();
            fx.runUntil("the probe's end", DEADLINE, () -> !main.assist().testingProperty().get());
            assertEquals(List.of(), probeEngines(), "killed with the app");
            assertEquals(ConnectionAssistViewModel.Outcome.FAILED, main.assist().rows().get(quiet.id()).outcome());
        }
    }

    /** obfs4proxy's SMETHOD line's cert. */
    private static String certOf(Process server) throws IOException {
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            java.util.regex.Matcher cert = java.util.regex.Pattern.compile("^SMETHOD obfs4 \\S+ ARGS:cert=([^,]+),iat-mode=0").matcher(line);
            if (cert.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the server ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return cert.group(1);
            }
        }
        throw new AssertionError("obfs4proxy wrote no SMETHOD line");
    }

    private Profile shadowClient(String name, int serverPort, EchoServer echo) {
        String server = "127.0.0.1:" + serverPort;
        return Profile.builder(Role.CLIENT).name(name).transport(ProfileImport.SHADOW).target(server)
                .options(Map.of(ProfileImport.SHADOW_CIPHER, CIPHER, ProfileImport.SHADOW_PASSWORD, PASSWORD, ProfileImport.SHADOW_SERVER, server))
                .testDestination(echo.address()).build();
    }

    /** This JVM's children other than the peers the test started (ss-server, obfs4proxy's server): the engines. */
    private List<String> probeEngines() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> (ssServer == null || p.pid() != ssServer.pid()) && (secondSsServer == null || p.pid() != secondSsServer.pid())
                        && (obfs4Server == null || p.pid() != obfs4Server.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }

    private static final Path SS_SERVER = Path.of("/usr/bin/ss-server");

    private static void requireEngineAndSsServer() {
        new EngineLocator().builtIn().orElseThrow(() -> new AssertionError("build ptdispatcher first: ./mvnw package"));
        Assumptions.assumeTrue(Files.isExecutable(SS_SERVER) || "true".equalsIgnoreCase(System.getenv("CI")),
                "ss-server not found: apt-get install shadowsocks-libev");
    }

    /** A real ss-server on loopback {@code port}, the test's cipher and password; the caller waits for it to listen. */
    private static Process ssServer(int port) throws IOException {
        return new ProcessBuilder(SS_SERVER.toString(), "-s", "127.0.0.1", "-p", String.valueOf(port), "-k", PASSWORD, "-m", CIPHER)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing listened on " + port + " within 10 s", notYet);
                }
                Thread.sleep(50);
            }
        }
    }
}
