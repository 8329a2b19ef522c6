package org.ptdispatcher.gui.view;

import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.gui.DesktopApplication;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.TorMode;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.testing.PrivateTorNetwork;
import org.ptdispatcher.gui.viewmodel.RunState;
import org.ptdispatcher.gui.viewmodel.RunViewModel;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window against a private Tor network (testing/private-tor-network.sh, in this JVM's own
 * network namespace: failsafe's tor-window execution starts the JVM under {@code unshare -n}):
 * a client imported from the network's bridge line connects through Tor to 100% and its connection
 * test fetches the network's page; a server run by the app as a private Tor bridge shows a line
 * that a client imported from it connects with. Stop and closing the app leave no tor and no
 * engine behind.
 */
class TorWindowIT extends GuiTest {
    private static final Duration BOOTSTRAP = Duration.ofSeconds(150);
    private static final Pattern READY = Pattern.compile("^Ready: SOCKS5 127\\.0\\.0\\.1:\\d+, HTTP 127\\.0\\.0\\.1:\\d+$");
    private static final Pattern BRIDGE_LINE = Pattern.compile("^obfs4 127\\.0\\.0\\.1:(\\d+) ([0-9A-F]{40}) cert=\\S+ iat-mode=0$");

    @TempDir
    static Path shared;
    private static PrivateTorNetwork network;

    @BeforeAll
    static void startNetwork() throws Exception {
        requireDisplay();
        network = PrivateTorNetwork.startInThisNamespace(shared);
        // What tor needs in this network besides a bridge line: its authorities (and, for a relay, its address).
        Path inNetwork = Files.writeString(shared.resolve("in-this-network.torrc"), "Address 127.0.0.1\nAssumeReachable 1\n");
        System.setProperty(DesktopApplication.TOR_CONFIG_PROPERTY, network.clientTorrc() + java.io.File.pathSeparator + inNetwork);
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        System.clearProperty(DesktopApplication.TOR_CONFIG_PROPERTY);
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aBridgeLineImportedConnectsThroughTorTo100PercentAndTheTestFetchesThePage() throws Exception {
        ptdispatcherJar();
        importLine(network.bridgeLine());
        Profile client = get(() -> vm().selectedProperty().get());
        assertEquals(TorMode.THROUGH_TOR, client.torMode(), "a Tor bridge line runs through Tor unless the user says otherwise");
        RunViewModel run = get(() -> vm().runFor(client));

        robot.clickOn("#startButton");
        waitUntil("tor's first bootstrap phase on the progress bar", BOOTSTRAP, () -> run.bootstrapProperty().get() != null
                && run.bootstrapProperty().get().percent() > 0 && textOf("#torPhase").matches("\\d+% — .+"));
        waitFor("Ready: SOCKS5 ..., HTTP ...", client, () -> READY.matcher(textOf("#torReady")).matches());
        assertEquals(1.0, (double) get(() -> robot.lookup("#torProgress").queryAs(ProgressBar.class).getProgress()), "the bar reached 100%");
        assertEquals("100% — Done", get(() -> robot.lookup("#torPhase").queryAs(javafx.scene.control.Label.class).getText()));
        assertEquals("Connected through Tor: your proxies are ready.", textOf("#runHeadline"));
        assertEquals("Through the bridge obfs4 " + BridgeLine.parse(network.bridgeLine()).address(), textOf("#torBridgeInUse"),
                "the bridge tor's circuits go through");
        assertTrue(get(() -> run.log().entries().stream().anyMatch(e -> e.text().startsWith("[tor] Managed proxy")
                && e.text().contains("obfs4: socks5 listener ready"))), "the engine's LOG lines are in the log view");

        fetchThePage(run);
        List<ProcessHandle> torAndEngine = torAndItsEngine();
        assertTrue(torAndEngine.size() >= 2, "tor as the app's child, and the engine as tor's: " + torAndEngine);

        robot.clickOn("#stopButton");
        waitUntil("stopped", ENGINE_DEADLINE, () -> run.state() == RunState.STOPPED);
        awaitGone(torAndEngine);
    }

    @Test
    void aServerRunAsAPrivateTorBridgeShowsTheLineAClientThenConnectsWith() throws Exception {
        ptdispatcherJar();
        robot.clickOn("#newServer");
        Profile server = get(() -> vm().selectedProperty().get());
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        typeInto("#field-listen", "127.0.0.1:" + port);
        robot.clickOn("#field-torMode");
        robot.clickOn("Run as a private Tor bridge (only people you give the line to use it)");
        assertEquals(TorMode.PRIVATE_BRIDGE, get(() -> vm().form().torModeProperty().get()));
        robot.clickOn("#startButton");
        waitFor("the bridge's complete line", server, () -> BRIDGE_LINE.matcher(textOf("#share-0")).matches());
        String line = textOf("#share-0");
        Matcher m = BRIDGE_LINE.matcher(line);
        assertTrue(m.matches());
        assertEquals(String.valueOf(port), m.group(1), "where the transport listens");
        Path data = configDir.resolve("tor").resolve(server.id()).resolve("data");
        assertEquals(m.group(2), Files.readString(data.resolve("fingerprint")).trim().split(" ")[1], "tor's own fingerprint");
        assertTrue(find("#share-0-qr").isPresent(), "its QR code");
        assertEquals("The Tor bridge runs: give its line to the people who should use it.", textOf("#runHeadline"));
        assertTrue(Files.readString(configDir.resolve("tor").resolve(server.id()).resolve("torrc")).contains("\nPublishServerDescriptor 0\n"));

        // The line as shown, to a client: it connects through that bridge.
        importLine(line);
        Profile client = get(() -> vm().selectedProperty().get());
        RunViewModel clientRun = get(() -> vm().runFor(client));
        robot.clickOn("#startButton");
        waitFor("the client through the app's own bridge", client, () -> READY.matcher(textOf("#torReady")).matches());
        fetchThePage(clientRun);
        RunViewModel serverRun = get(() -> vm().runFor(server));
        assertTrue(get(() -> serverRun.log().entries().stream().anyMatch(e -> e.text().contains("Registered server transport 'obfs4'"))),
                serverRun.log().visibleText());

        // Closing the app stops both tors and their engines.
        List<ProcessHandle> children = torAndItsEngine();
        assertTrue(children.size() >= 4, "two tors and their engines: " + children);
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        app = null;
        awaitGone(children);
    }

    /** {@link #waitUntil}, and on a time-out the run's log and the network's, to read why. */
    private void waitFor(String what, Profile profile, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            waitUntil(what, BOOTSTRAP, condition);
        } catch (AssertionError e) {
            String log = get(() -> vm().runFor(profile).log().visibleText());
            List<String> network = Files.readAllLines(shared.resolve("network.log"));
            throw new AssertionError(e.getMessage() + "\nthe run's log:\n" + log + "\nthe network's log (end):\n"
                    + String.join("\n", network.subList(Math.max(0, network.size() - 40), network.size())), e);
        }
    }

    /** Test connection with the network's page: it comes through tor's SOCKS port whole. */
    private void fetchThePage(RunViewModel run) throws Exception {
        typeInto("#testDestination", network.pageUrl());
        robot.clickOn("#testConnection");
        String expected = "Fetched " + network.pageUrl() + " through the proxy: HTTP 200, " + network.page().length + " bytes in ";
        waitUntil("the page through Tor", BOOTSTRAP, () -> textOf("#testResult").startsWith(expected));
        assertFalse(textOf("#testResult").isEmpty());
    }

    /** The tors this test's app started (their torrc is in its config directory) and what they started. */
    private List<ProcessHandle> torAndItsEngine() {
        String mine = configDir.toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(mine)).orElse(false))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .toList();
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
