package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.engine.EngineLocator;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.share.ProfileImport;
import org.ptdispatcher.gui.testing.HeadlessApp;
import org.ptdispatcher.gui.testing.PrivateTorNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headless command against real tor in a private Tor network (testing/private-tor-network.sh
 * in its serving mode): the app, tor, its engine and every client run inside the network's
 * namespace, which has nothing but loopback.
 */
class TorConnectIT {
    private static final Pattern READY = HeadlessApp.READY;
    private static final Duration BOOTSTRAP = Duration.ofSeconds(120);

    @TempDir
    static Path shared;
    private static PrivateTorNetwork network;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNetwork() throws Exception {
        network = PrivateTorNetwork.start(shared);
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        if (network != null) {
            network.close();
        }
    }

    private HeadlessApp connect(String... arguments) throws Exception {
        List<String> args = new ArrayList<>(List.of(arguments));
        args.addAll(List.of("--tor-config", network.clientTorrc().toString()));
        return HeadlessApp.start(network.inside(HeadlessApp.command(dir.resolve("config"), args)));
    }

    @Test
    void theAppConnectsThroughTheBridgeAndAPageComesThroughItsSocksPortByteExact() throws Exception {
        try (HeadlessApp app = connect("--connect", network.bridgeLine())) {
            Matcher ready = READY.matcher(app.awaitOut(READY.asPredicate(), BOOTSTRAP));
            assertTrue(ready.matches());
            assertTrue(app.out().contains("Bootstrapped 100%: Done"), app.transcript());
            assertTrue(app.out().stream().anyMatch(l -> l.startsWith("Bootstrapped 2%")), "the transport's phase: " + app.transcript());
            assertTrue(app.err().stream().anyMatch(l -> l.startsWith("[info] Managed proxy") && l.contains("obfs4: socks5 listener ready")),
                    "the engine's LOG lines reach the log through tor: " + app.transcript());

            assertArrayEquals(network.page(), fetch(app, List.of("--socks5-hostname", ready.group(1))), "through SOCKS5");
            assertArrayEquals(network.page(), fetch(app, List.of("--proxytunnel", "--proxy", "http://" + ready.group(2))), "through HTTP CONNECT");

            List<ProcessHandle> children = app.process().descendants().toList();
            assertFalse(children.isEmpty(), "tor runs as the app's child");
            app.process().destroy();
            assertEquals(143, app.awaitExit(Duration.ofSeconds(30)), "ended by SIGTERM: " + app.transcript());
            awaitGone(children);
        }
    }

    @Test
    void whenTheAppIsKilledTorAndItsTransportEndToo() throws Exception {
        try (HeadlessApp app = connect("--connect", network.bridgeLine())) {
            app.awaitOut(READY.asPredicate(), BOOTSTRAP);
            List<ProcessHandle> children = app.process().descendants().toList();
            assertTrue(children.size() >= 2, "tor and the engine it runs: " + children);
            app.process().destroyForcibly();
            app.awaitExit(Duration.ofSeconds(10));
            awaitGone(children);
        }
    }

    @Test
    void aBridgeThatIsDownIsNamedUnreachable() throws Exception {
        String down = network.bridgeLine().replaceFirst("127\\.0\\.0\\.1:\\d+", "127.0.0.1:5199");
        try (HeadlessApp app = connect("--connect", down)) {
            assertEquals(1, app.awaitExit(BOOTSTRAP), app.transcript());
            assertTrue(app.err().contains("Failed: Tor cannot reach the bridge obfs4 127.0.0.1:5199 (Connection refused). The bridge may be down, "
                    + "or blocked where you are: get new bridge lines (from https://bridges.torproject.org, or by email or Telegram) and import them."),
                    app.transcript());
            assertFalse(app.out().stream().anyMatch(l -> l.startsWith("Ready")), app.transcript());
        }
    }

    @Test
    void aMalformedBridgeLineIsExplained() throws Exception {
        try (HeadlessApp app = connect("--connect", "obfs4 127.0.0.1 cert=x")) {
            assertEquals(1, app.awaitExit(Duration.ofSeconds(60)), app.transcript());
            assertEquals(List.of("Failed: This bridge line cannot be used: obfs4 127.0.0.1 cert=x — 127.0.0.1 is not an address with a port. "
                    + "Copy the line again, whole, from where you got it."), app.err(), app.transcript());
            assertFalse(Files.exists(dir.resolve("config/tor/connect/torrc")), "no tor was started");
        }
    }

    @Test
    void aTorThatIsNotThereIsNotFound() throws Exception {
        try (HeadlessApp app = connect("--connect", network.bridgeLine(), "--tor", "/nonexistent/tor")) {
            assertEquals(1, app.awaitExit(Duration.ofSeconds(60)), app.transcript());
            assertEquals(List.of("Failed: The chosen tor program, /nonexistent/tor, is not there or cannot be run. Choose it again in the settings, "
                    + "or clear the choice to use the tor installed on this computer."), app.err(), app.transcript());
        }
    }

    @Test
    void aSocksPortInUseIsExplained() throws Exception {
        int taken = PrivateTorNetwork.portInUse();
        try (HeadlessApp app = connect("--connect", network.bridgeLine(), "--socks-port", String.valueOf(taken))) {
            assertEquals(1, app.awaitExit(Duration.ofSeconds(60)), app.transcript());
            assertTrue(app.err().contains("Failed: The port 127.0.0.1:" + taken + " is already used by another program. "
                    + "Choose another port, or leave the port empty to use a free one."), app.transcript());
        }
    }

    @Test
    void aSavedProfileIsConnectedByItsName() throws Exception {
        BridgeLine line = BridgeLine.parse(network.bridgeLine());
        Profile profile = new Profile(null, "Home bridge", Role.CLIENT, line.transport(), null, "", line.address().toString(), "", null, "",
                line.args(), line.fingerprint().orElse(""), "", false, null, "", List.of());
        new ProfileStore(dir.resolve("config")).save(List.of(profile));
        try (HeadlessApp app = connect("--connect", "Home bridge")) {
            Matcher ready = READY.matcher(app.awaitOut(READY.asPredicate(), BOOTSTRAP));
            assertTrue(ready.matches());
            assertArrayEquals(network.page(), fetch(app, List.of("--socks5-hostname", ready.group(1))));
            assertTrue(Files.isRegularFile(dir.resolve("config/tor/" + profile.id() + "/torrc")), "the profile's own tor directory");
        }
    }

    @Test
    void aSavedProfileWithMoreBridgesGetsOnlineThroughTheOneThatWorksAndSaysWhichItIs() throws Exception {
        String working = network.bridgeLine();
        String down = working.replaceFirst("127\\.0\\.0\\.1:\\d+", "127.0.0.1:5198")
                .replaceFirst("[0-9A-F]{40}", "0BAC39417268B96B9F514E7F63FA6FBA1A788955");
        Profile bridges = ProfileImport.parse(down + "\n" + working).profiles().get(0).toBuilder().name("Two bridges").build();
        assertEquals(2, bridges.bridgeCount(), "one profile, the bridge that is down its own");
        new ProfileStore(dir.resolve("config")).save(List.of(bridges));
        try (HeadlessApp app = connect("--connect", "Two bridges")) {
            String inUse = app.awaitOut(l -> l.startsWith("Bridge in use: "), BOOTSTRAP);
            assertEquals("Bridge in use: obfs4 " + BridgeLine.parse(working).address(), inUse, app.transcript());
            Matcher ready = READY.matcher(app.out().stream().filter(READY.asPredicate()).findFirst().orElseThrow());
            assertTrue(ready.matches());
            assertArrayEquals(network.page(), fetch(app, List.of("--socks5-hostname", ready.group(1))));
        }
    }

    @Test
    void everyBridgeDownIsAllBridgesFailed() throws Exception {
        String first = network.bridgeLine().replaceFirst("127\\.0\\.0\\.1:\\d+", "127.0.0.1:5198");
        String second = network.bridgeLine().replaceFirst("127\\.0\\.0\\.1:\\d+", "127.0.0.1:5199")
                .replaceFirst(" [0-9A-F]{40} ", " ");
        try (HeadlessApp app = connect("--connect", first, "--connect", second)) {
            assertEquals(1, app.awaitExit(BOOTSTRAP), app.transcript());
            assertTrue(app.err().stream().anyMatch(l -> l.startsWith("Failed: None of your 2 bridges could be reached (")
                    && l.contains("obfs4 127.0.0.1:5198") && l.contains("obfs4 127.0.0.1:5199")), app.transcript());
            assertTrue(app.err().stream().anyMatch(l -> l.startsWith("Problem: Tor cannot reach the bridge obfs4 127.0.0.1:519")),
                    "the first one down is a problem, not yet the end: " + app.transcript());
        }
    }

    @Test
    void anEngineThatCannotStartIsTheTransportFailing() throws Exception {
        new SettingsStore(dir.resolve("config")).save(AppSettings.defaults().withEngine("/nonexistent/engine", LaunchCommand.Style.ENVIRONMENT));
        try (HeadlessApp app = connect("--connect", network.bridgeLine())) {
            assertEquals(1, app.awaitExit(BOOTSTRAP), app.transcript());
            assertTrue(app.err().contains("Failed: The pluggable transport for obfs4 could not start: /nonexistent/engine: exit status 1. "
                    + "Check the engine under Engine…; another PT program must run these transports."), app.transcript());
        }
    }

    @Test
    void anEngineThatRefusesTheTransportIsTheTransportFailing() throws Exception {
        Path engine = dir.resolve("refusing-engine.sh");
        Files.writeString(engine, "#!/bin/sh\necho 'VERSION 1'\necho 'CMETHOD-ERROR obfs4 no obfs4 in this build'\necho 'CMETHODS DONE'\nexec cat >/dev/null\n");
        Files.setPosixFilePermissions(engine, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        new SettingsStore(dir.resolve("config")).save(AppSettings.defaults().withEngine(engine.toString(), LaunchCommand.Style.ENVIRONMENT));
        try (HeadlessApp app = connect("--connect", network.bridgeLine())) {
            assertEquals(1, app.awaitExit(BOOTSTRAP), app.transcript());
            assertTrue(app.err().contains("Failed: The pluggable transport for obfs4 could not start: no obfs4 in this build. "
                    + "Check the engine under Engine…; another PT program must run these transports."), app.transcript());
            assertTrue(app.err().contains("[warn] Client managed proxy encountered a method error. (obfs4 no obfs4 in this build)"),
                    "the transport's line is in the log: " + app.transcript());
        }
    }

    /**
     * A bridge operator's tor from the app's own torrc ({@link Torrc#bridge}, a private bridge with
     * our engine), and a client connecting with the line {@link OperatorBridgeLine} makes for it.
     */
    @Test
    void aBridgeFromTheAppsOwnTorrcServesAClientWithTheLineTheAppMakesForIt() throws Exception {
        Path data = dir.resolve("bridge/data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path testing = Files.writeString(dir.resolve("bridge/in-this-network.torrc"), "Address 127.0.0.1\nSafeLogging 0\n");
        HostPort listen = HostPort.parseBindable("127.0.0.1:5140");
        TorBridgeConfig config = new TorBridgeConfig("obfs4", new EngineLocator().builtIn().orElseThrow().command(), 5141, listen, Map.of(), false,
                Optional.of("ptdappbridge"), Optional.empty(), data, ProcessHandle.current().pid(), List.of(network.clientTorrc(), testing));
        Path torrc = Files.writeString(dir.resolve("bridge/torrc"), Torrc.bridge(config));
        Process bridge = new ProcessBuilder(network.inside(List.of("tor", "-f", torrc.toString())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("bridge/stdout.log").toFile()).start();
        try {
            awaitLine(dir.resolve("bridge/stdout.log"), "Bootstrapped 100%", bridge);
            awaitLine(dir.resolve("bridge/stdout.log"), "Registered server transport 'obfs4'", bridge);
            BridgeLine line = OperatorBridgeLine.read("obfs4", listen, data);
            assertTrue(line.args().containsKey("cert"), line.render());
            try (HeadlessApp app = connect("--connect", line.render())) {
                Matcher ready = READY.matcher(app.awaitOut(READY.asPredicate(), BOOTSTRAP));
                assertTrue(ready.matches());
                assertArrayEquals(network.page(), fetch(app, List.of("--socks5-hostname", ready.group(1))));
            }
        } finally {
            bridge.destroy();
            bridge.waitFor();
        }
    }

    private static void awaitLine(Path log, String text, Process owner) throws Exception {
        long deadline = System.nanoTime() + BOOTSTRAP.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (!owner.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + text + "\" from the bridge:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** The network's page through curl in the namespace, with {@code proxy} options; a failure shows what the app printed. */
    private byte[] fetch(HeadlessApp app, List<String> proxy) throws Exception {
        Path file = dir.resolve("fetched-" + System.nanoTime());
        List<String> curl = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60"));
        curl.addAll(proxy);
        curl.addAll(List.of("-o", file.toString(), network.pageUrl()));
        Process process = new ProcessBuilder(network.inside(curl)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), () -> "curl: " + output + "\n" + app.transcript());
        return Files.readAllBytes(file);
    }

    private static void awaitGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still running: " + processes.stream().filter(ProcessHandle::isAlive)
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
            }
            Thread.sleep(100);
        }
    }
}
