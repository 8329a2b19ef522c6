package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole pipeline with the {@code plain} transport, as real processes: an HTTP or echo server,
 * our server in front of it, our client in front of that, and a real client (curl, or sockets).
 */
class PlainEndToEndIT {
    private static final long BIG = 100L * 1024 * 1024;

    @TempDir
    static Path state;

    private static HttpTestServer http;
    private static EchoServer echo;
    private static PtProcess httpServerSide;
    private static PtProcess echoServerSide;
    private static PtProcess client;
    private static String serverAddress;
    private static String echoServerAddress;
    private static String socksAddress;

    @BeforeAll
    static void startPipeline() throws Exception {
        http = HttpTestServer.start();
        echo = EchoServer.start();
        httpServerSide = PtProcess.ptdispatcher()
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + http.port(), "-state", state.resolve("server").toString())
                .start();
        serverAddress = httpServerSide.awaitSmethod("plain").address();
        echoServerSide = PtProcess.ptdispatcher()
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + echo.port(), "-state", state.resolve("echo").toString())
                .start();
        echoServerAddress = echoServerSide.awaitSmethod("plain").address();
        client = PtProcess.ptdispatcher()
                .args("-client", "-transport", "plain", "-state", state.resolve("client").toString())
                .start();
        socksAddress = client.awaitCmethod("plain");
    }

    @AfterAll
    static void stopPipeline() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {client, httpServerSide, echoServerSide, http, echo}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void curlFetchesThroughThePair() throws Exception {
        Path curl = Peer.require("curl", "curl");
        String body = run(curl.toString(), "-sS", "--max-time", "20", "--socks5-hostname", socksAddress,
                "http://" + serverAddress + "/hello");
        assertEquals("hello", body);
    }

    @Test
    void hundredMebibytesArriveIntactThroughCurl() throws Exception {
        Path curl = Peer.require("curl", "curl");
        Process p = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "120", "--socks5-hostname", socksAddress,
                "http://" + serverAddress + "/random?bytes=" + BIG + "&seed=7").start();
        MessageDigest digest = HttpTestServer.sha256();
        long total = 0;
        try (InputStream in = p.getInputStream()) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                total += n;
            }
        }
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(BIG, total);
        assertEquals(HttpTestServer.expectedSha256(BIG, 7), HexFormat.of().formatHex(digest.digest()));
    }

    @Test
    void twoHundredConcurrentConnectionsAreEachByteExact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int seed = i;
                results.add(pool.submit(() -> {
                    echoThroughSocks(seed);
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void echoThroughSocks(int seed) throws IOException {
        byte[] payload = new byte[64 * 1024 + seed * 97];
        new SplittableRandom(seed).nextBytes(payload);
        int colon = echoServerAddress.lastIndexOf(':');
        try (Socks5Client socks = Socks5Client.connect(socksAddress)) {
            assertEquals(0, socks.greet(0));
            assertEquals(0, socks.connectDomain(echoServerAddress.substring(0, colon), Integer.parseInt(echoServerAddress.substring(colon + 1))));
            Socket s = socks.socket();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(payload);
                    out.flush();
                    s.shutdownOutput();
                } catch (IOException ignored) {
                    // the read side reports the failure
                }
            });
            writer.start();
            byte[] back = s.getInputStream().readAllBytes();
            assertArrayEquals(payload, back, "connection " + seed);
        }
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "exit of " + String.join(" ", command) + ": " + err);
        return out;
    }

    static InetSocketAddress socketAddress(String text) {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(0, colon).replace("[", "").replace("]", ""), Integer.parseInt(text.substring(colon + 1)));
    }
}
