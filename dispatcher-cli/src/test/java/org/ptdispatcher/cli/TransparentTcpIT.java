package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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

/** Client {@code -mode transparent-TCP}: applications connect to the client's port as if it were the server. */
class TransparentTcpIT {
    private static final long BIG = 100L * 1024 * 1024;

    @TempDir
    static Path dir;

    private static HttpTestServer http;
    private static EchoServer echo;
    private static final List<PtProcess> processes = new ArrayList<>();
    private static String httpEntrance;
    private static String echoEntrance;

    @BeforeAll
    static void start() throws Exception {
        http = HttpTestServer.start();
        echo = EchoServer.start();
        httpEntrance = transparentPairTo(http.port(), "http");
        echoEntrance = transparentPairTo(echo.port(), "echo");
    }

    /** A plain server in front of {@code targetPort} and a transparent client in front of it; returns the client's address. */
    private static String transparentPairTo(int targetPort, String name) throws Exception {
        PtProcess server = PtProcess.ptdispatcher().directory(dir.resolve(name + "-server"))
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0", "-target", "127.0.0.1:" + targetPort)
                .start();
        processes.add(server);
        String serverAddress = server.awaitSmethod("plain").address();
        PtProcess client = PtProcess.ptdispatcher().directory(dir.resolve(name + "-client"))
                .args("-client", "-transport", "plain", "-mode", "transparent-TCP", "-target", serverAddress)
                .start();
        processes.add(client);
        return client.awaitCmethod("plain");
    }

    @AfterAll
    static void stop() throws IOException {
        processes.forEach(PtProcess::close);
        http.close();
        echo.close();
    }

    @Test
    void curlReachesTheServerThroughTheTransparentClient() throws Exception {
        Path curl = Peer.require("curl", "curl");
        assertEquals("hello", PlainEndToEndIT.run(curl.toString(), "-sS", "--max-time", "20", "http://" + httpEntrance + "/hello"));
    }

    @Test
    void hundredMebibytesArriveIntact() throws Exception {
        Path curl = Peer.require("curl", "curl");
        Process p = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "120", "http://" + httpEntrance + "/random?bytes=" + BIG + "&seed=11").start();
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
        assertEquals(0, p.waitFor());
        assertEquals(BIG, total);
        assertEquals(HttpTestServer.expectedSha256(BIG, 11), HexFormat.of().formatHex(digest.digest()));
    }

    @Test
    void twoHundredConcurrentConnectionsAreEachByteExact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int seed = i;
                results.add(pool.submit(() -> {
                    echoOnce(seed);
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

    private static void echoOnce(int seed) throws IOException {
        byte[] payload = new byte[32 * 1024 + seed * 131];
        new SplittableRandom(seed).nextBytes(payload);
        try (Socket s = new Socket()) {
            s.connect(PlainEndToEndIT.socketAddress(echoEntrance), 10_000);
            s.setSoTimeout(60_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(payload);
                    s.shutdownOutput();
                } catch (IOException ignored) {
                    // the reader reports it
                }
            });
            writer.start();
            assertArrayEquals(payload, s.getInputStream().readAllBytes(), "connection " + seed);
        }
    }
}
