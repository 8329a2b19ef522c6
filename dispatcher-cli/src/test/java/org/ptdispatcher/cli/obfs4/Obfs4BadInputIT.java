package org.ptdispatcher.cli.obfs4;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad input to our obfs4 server gets what obfs4proxy gives it: no byte in answer, everything read
 * and dropped, then a close at the same fixed time after connecting (30 s handshake timeout plus
 * the server's close delay, 0 to 59 s drawn from its drbg-seed: 7 s for the seed used here)
 * whatever the garbage was; a frame that fails
 * authentication ends its connection at once. Every case ends only its own connection, the
 * server keeps serving, and nothing like a stack trace reaches its output.
 *
 * <p>Real handshakes to replay or damage come from obfs4proxy's client, recorded by a relay.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Obfs4BadInputIT {
    private static final long HANDSHAKE_TIMEOUT_SECONDS = 30;
    private static final long MAX_CLOSE_DELAY_SECONDS = 59;
    /** obfs4proxy's rule for this state file: the 30 s handshake timeout plus the seed's close delay. */
    private static final double EXPECTED_CLOSE_SECONDS = HANDSHAKE_TIMEOUT_SECONDS + Obfs4Endpoints.FAST_DRBG_SEED_CLOSE_DELAY_SECONDS;

    @TempDir
    static Path state;

    private static HttpTestServer http;
    private static Obfs4Endpoints.Server server;
    private static Obfs4Endpoints.Server peerServer;
    private static Obfs4Endpoints.Client peerClient;

    @BeforeAll
    static void start() throws Exception {
        Path obfs4proxy = Peer.require("obfs4proxy", "obfs4proxy");
        http = HttpTestServer.start();
        // A known drbg-seed, so the close delay is known (7 s). DEBUG, so that every failure is
        // logged: none may come with a stack trace.
        Obfs4Endpoints.writeState(state.resolve("server"), Obfs4Endpoints.FAST_DRBG_SEED, 0);
        server = Obfs4Endpoints.ourServer("obfs4", state.resolve("server"), http.port(), 0, "-ipcLogLevel", "DEBUG");
        // obfs4proxy with the same state file: the reference for the close timing.
        Obfs4Endpoints.writeState(state.resolve("peer-server"), Obfs4Endpoints.FAST_DRBG_SEED, 0);
        peerServer = Obfs4Endpoints.peerServer(obfs4proxy, "obfs4", state.resolve("peer-server"), http.port(), 0);
        peerClient = Obfs4Endpoints.peerClient(obfs4proxy, "obfs4", state.resolve("peer-client"));
    }

    @AfterAll
    static void stop() {
        Obfs4Endpoints.close(peerClient);
        Obfs4Endpoints.close(server);
        Obfs4Endpoints.close(peerServer);
        Closeables.closeAll(http);
    }

    @Test
    @Order(1)
    void garbageTruncatedBadMacAndReplayedHandshakesGetSilenceThenTheSameDelayedClose() throws Exception {
        byte[] genuine;
        try (TamperingRelay relay = TamperingRelay.start(server.port(), -1)) {
            assertTrue(fetchHelloVia(relay).endsWith("hello"), "a genuine session through the recording relay works");
            genuine = relay.clientHandshake(10);
        }
        Random random = new Random(4);
        byte[] shortGarbage = new byte[5000];
        random.nextBytes(shortGarbage);
        byte[] longGarbage = new byte[9000];
        random.nextBytes(longGarbage);
        byte[] badMac = genuine.clone();
        badMac[badMac.length - 1] ^= 1;

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("5000 random bytes", shortGarbage);
        cases.put("9000 random bytes (past the 8192-byte handshake limit)", longGarbage);
        cases.put("a truncated handshake", Arrays.copyOf(genuine, genuine.length / 2));
        cases.put("a handshake with a bad MAC", badMac);
        cases.put("a replayed handshake", genuine);

        Map<String, CompletableFuture<Probe>> probes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            probes.put(c.getKey(), CompletableFuture.supplyAsync(() -> probe(server.port(), c.getValue()), pool));
        }
        // The same garbage to obfs4proxy, with the same state file, for the reference timing.
        probes.put("obfs4proxy given 5000 random bytes", CompletableFuture.supplyAsync(() -> probe(peerServer.port(), shortGarbage), pool));
        probes.put("obfs4proxy given 9000 random bytes", CompletableFuture.supplyAsync(() -> probe(peerServer.port(), longGarbage), pool));
        // While those connections hang, the server keeps serving others.
        assertTrue(Obfs4HandshakeIT.fetchHello(peerClient, server).endsWith("hello"), "a good client is served while probes wait");

        List<String> problems = new ArrayList<>();
        List<Double> closeTimes = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Probe>> p : probes.entrySet()) {
            Probe result = p.getValue().get(HANDSHAKE_TIMEOUT_SECONDS + MAX_CLOSE_DELAY_SECONDS + 60, TimeUnit.SECONDS);
            if (result.error != null) {
                problems.add(p.getKey() + ": " + result.error);
            } else if (result.bytesReceived > 0) {
                problems.add(p.getKey() + ": the server answered " + result.bytesReceived + " bytes");
            } else if (Math.abs(result.secondsToClose - EXPECTED_CLOSE_SECONDS) > 2) {
                problems.add(p.getKey() + ": closed after " + result.secondsToClose + " s instead of " + EXPECTED_CLOSE_SECONDS);
            } else {
                closeTimes.add(result.secondsToClose);
            }
        }
        pool.shutdown();
        assertEquals(List.of(), problems);
        double spread = closeTimes.stream().mapToDouble(d -> d).max().orElse(0) - closeTimes.stream().mapToDouble(d -> d).min().orElse(0);
        assertTrue(spread < 3, "every failed connection closes the same time after it opened; close times " + closeTimes);
        assertTrue(Obfs4HandshakeIT.fetchHello(peerClient, server).endsWith("hello"), "the server still serves afterwards");
    }

    @Test
    @Order(2)
    void aFrameWithABadTagEndsOnlyThatConnectionAtOnce() throws Exception {
        // Byte 10 of the client's first frame after the handshake: inside its Poly1305 tag.
        try (TamperingRelay damaging = TamperingRelay.start(server.port(), 10)) {
            String answer;
            try {
                answer = fetchHelloVia(damaging);
            } catch (IOException e) {
                answer = "";
            }
            assertEquals("", answer, "nothing comes back through a connection whose frame was damaged");
            long corrupted = damaging.corruptedNanos(20);
            long closed = damaging.serverClosedNanos(20);
            double seconds = (closed - corrupted) / 1e9;
            assertTrue(seconds < 5, "the server closed " + seconds + " s after the bad frame");
        }
        assertTrue(Obfs4HandshakeIT.fetchHello(peerClient, server).endsWith("hello"), "the server still serves afterwards");
    }

    @Test
    @Order(3)
    void nothingLikeAStackTraceReachesTheServersOutput() throws Exception {
        server.process().close();
        List<String> output = new ArrayList<>(server.process().allStdout());
        output.addAll(server.process().allStderr());
        assertTrue(output.stream().anyMatch(l -> l.contains("obfs4 handshake from") && l.contains("failed")),
                "the failures were logged (at DEBUG): " + output);
        java.util.regex.Pattern stackFrame = java.util.regex.Pattern.compile("(^|\\s)at [\\w$.]+\\(|Caused by:|Exception in thread|\\.java:\\d+\\)");
        for (String line : output) {
            if (stackFrame.matcher(line).find() || line.startsWith("LOG ERROR") || line.startsWith("LOG WARN")) {
                fail("server output has a stack trace or an error: " + line + "\nall output: " + output);
            }
        }
    }

    private static String fetchHelloVia(TamperingRelay relay) throws Exception {
        try (Socks5Client socks = Socks5Client.connect(peerClient.socksAddress())) {
            assertEquals(2, socks.greet(2));
            assertEquals(0, socks.userPassword(server.args(), "\0"));
            if (socks.connectDomain("127.0.0.1", relay.port()) != 0) {
                throw new IOException("SOCKS CONNECT through the relay failed");
            }
            Socket s = socks.socket();
            s.getOutputStream().write("GET /hello HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private record Probe(int bytesReceived, double secondsToClose, String error) {
    }

    /** Sends {@code bytes} on a fresh connection, keeps it open, and waits for the server to close it. */
    private static Probe probe(int port, byte[] bytes) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            long start = System.nanoTime();
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(HANDSHAKE_TIMEOUT_SECONDS + MAX_CLOSE_DELAY_SECONDS + 30));
            InputStream in = s.getInputStream();
            int received = 0;
            try {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received += n;
                }
            } catch (SocketTimeoutException e) {
                return new Probe(received, -1, "never closed");
            } catch (IOException e) {
                // a reset is a close too
            }
            return new Probe(received, (System.nanoTime() - start) / 1e9, null);
        } catch (IOException e) {
            return new Probe(0, -1, e.toString());
        }
    }
}
