package org.ptdispatcher.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback for end-to-end tests. {@code /random?bytes=N&seed=S} streams N
 * deterministic pseudo-random bytes, so a test can check a large transfer by SHA-256 without
 * holding it; {@code /hello} answers {@code hello}.
 */
public final class HttpTestServer implements AutoCloseable {
    private final HttpServer server;

    private HttpTestServer(HttpServer server) {
        this.server = server;
    }

    public static HttpTestServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "http-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/hello", exchange -> reply(exchange, "hello".getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/random", HttpTestServer::random);
        server.start();
        return new HttpTestServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The SHA-256 (hex) of what {@code /random?bytes=N&seed=S} sends. */
    public static String expectedSha256(long bytes, long seed) {
        MessageDigest digest = sha256();
        RandomBytes source = new RandomBytes(seed);
        byte[] block = new byte[64 * 1024];
        for (long left = bytes; left > 0; ) {
            int n = (int) Math.min(block.length, left);
            source.fill(block, n);
            digest.update(block, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void random(HttpExchange exchange) throws IOException {
        long bytes = Long.parseLong(query(exchange.getRequestURI(), "bytes", "0"));
        long seed = Long.parseLong(query(exchange.getRequestURI(), "seed", "1"));
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes == 0 ? -1 : bytes);
        RandomBytes source = new RandomBytes(seed);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long left = bytes; left > 0; ) {
                int n = (int) Math.min(block.length, left);
                source.fill(block, n);
                out.write(block, 0, n);
                left -= n;
            }
        }
    }

    private static void reply(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String query(URI uri, String key, String fallback) {
        String q = uri.getQuery();
        if (q == null) {
            return fallback;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) {
                return pair.substring(eq + 1);
            }
        }
        return fallback;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Deterministic bytes from a seed, 8 at a time. */
    public static final class RandomBytes {
        private final SplittableRandom random;

        public RandomBytes(long seed) {
            this.random = new SplittableRandom(seed);
        }

        public void fill(byte[] block, int length) {
            int i = 0;
            while (i + 8 <= length) {
                long v = random.nextLong();
                for (int k = 0; k < 8; k++) {
                    block[i++] = (byte) (v >>> (8 * k));
                }
            }
            if (i < length) {
                long v = random.nextLong();
                for (int k = 0; i < length; k++) {
                    block[i++] = (byte) (v >>> (8 * k));
                }
            }
        }
    }
}
