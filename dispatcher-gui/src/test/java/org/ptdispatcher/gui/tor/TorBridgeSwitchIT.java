package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.testing.HeadlessApp;
import org.ptdispatcher.gui.testing.PrivateTorNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 through Tor: a client with two working bridges (two nodes of a private network, whose
 * obfs4 servers are our engine and obfs4proxy) goes over to the other when the one it uses stops
 * working, and the app says which it now goes through, from the circuits tor builds.
 */
class TorBridgeSwitchIT {
    private static final Pattern READY = HeadlessApp.READY;
    private static final Duration BOOTSTRAP = Duration.ofSeconds(120);
    /** Tor marks the bridge down at its next failed connection, and builds circuits through the other. */
    private static final Duration SWITCH = Duration.ofSeconds(120);

    @TempDir
    static Path shared;
    private static PrivateTorNetwork network;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNetwork() throws Exception {
        network = PrivateTorNetwork.withBridges(shared, "ptdispatcher", "obfs4proxy");
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void whenTheBridgeInUseStopsWorkingTorGoesThroughTheOtherAndTheAppSaysSo() throws Exception {
        List<String> lines = List.of(network.bridgeLine("ptdispatcher"), network.bridgeLine("obfs4proxy"));
        List<String> args = new ArrayList<>(List.of("--connect", lines.get(0), "--connect", lines.get(1),
                "--tor-config", network.clientTorrc().toString()));
        try (HeadlessApp app = HeadlessApp.start(network.inside(HeadlessApp.command(dir.resolve("config"), args)))) {
            String first = app.awaitOut(l -> l.startsWith("Bridge in use: "), BOOTSTRAP);
            Matcher ready = READY.matcher(app.awaitOut(READY.asPredicate(), BOOTSTRAP));
            assertTrue(ready.matches());
            String used = lines.stream().filter(line -> first.equals("Bridge in use: obfs4 " + address(line))).findFirst()
                    .orElseThrow(() -> new AssertionError("\"" + first + "\" names neither bridge: " + app.transcript()));
            String other = lines.get(1 - lines.indexOf(used));

            List<ProcessHandle> transport = network.bridgeTransport(used);
            assertFalse(transport.isEmpty(), "the used bridge's obfs4 server runs");
            transport.forEach(ProcessHandle::destroyForcibly);

            // Each request asks tor for a circuit; the first ones fail while tor finds the bridge down.
            String now = "Bridge in use: obfs4 " + address(other);
            long deadline = System.nanoTime() + SWITCH.toNanos();
            byte[] page = null;
            while (page == null && System.nanoTime() < deadline) {
                page = fetch(ready.group(1));
                if (page == null) {
                    // a failed request comes back at once: the next one once tor has said more, or after 2 s
                    awaitAnotherLine(app, Duration.ofSeconds(2));
                }
            }
            assertArrayEquals(network.page(), page, "a page through the other bridge: " + app.transcript());
            String said = app.awaitOut(l -> l.startsWith("Bridge in use: ") && !l.equals(first), Duration.ofSeconds(10));
            assertNotEquals(first, said);
            assertTrue(said.equals(now), "the app names the bridge it now goes through (" + now + "): " + app.transcript());
        }
    }

    private static void awaitAnotherLine(HeadlessApp app, Duration atMost) throws InterruptedException {
        int said = app.out().size() + app.err().size();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (app.out().size() + app.err().size() == said && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static String address(String line) {
        try {
            return BridgeLine.parse(line).address().toString();
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    /** The page through tor's SOCKS port, or null when this request failed. */
    private byte[] fetch(String socks) throws Exception {
        Path file = dir.resolve("fetched-" + System.nanoTime());
        Process curl = new ProcessBuilder(network.inside(List.of("curl", "-sS", "--max-time", "20", "--socks5-hostname", socks,
                "-o", file.toString(), network.pageUrl()))).redirectErrorStream(true).start();
        curl.getInputStream().readAllBytes();
        return curl.waitFor() == 0 ? Files.readAllBytes(file) : null;
    }
}
