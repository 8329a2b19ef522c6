package org.ptdispatcher.cli.testing;

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
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The traffic end-to-end tests push through a pipeline, and the checks that it arrived intact. */
public final class Traffic {
    private Traffic() {
    }

    /** Opens connection number {@code index} to an echo service, through whatever is under test. */
    public interface EchoConnector {
        Socket open(int index) throws IOException;
    }

    /**
     * curl downloads {@code bytes} pseudo-random bytes from an {@link HttpTestServer} at
     * {@code httpAddress}, through the SOCKS5 proxy {@code socksAddress} (or directly when it is
     * null); asserts the size and the SHA-256.
     */
    public static void assertCurlDownload(String socksAddress, String httpAddress, long bytes, long seed) throws Exception {
        List<String> proxyArgs = socksAddress == null ? List.of() : List.of("--socks5-hostname", socksAddress);
        curlDownloadProblem(proxyArgs, httpAddress, bytes, seed, 180).ifPresent(problem -> {
            throw new AssertionError(problem);
        });
    }

    /**
     * The same download with curl's proxy arguments given ({@code --socks5-hostname ...},
     * {@code --proxy-user ...}); returns what went wrong, if anything, for tests that run many.
     */
    public static Optional<String> curlDownloadProblem(List<String> proxyArgs, String httpAddress, long bytes, long seed, int maxSeconds)
            throws Exception {
        Path curl = Peer.require("curl", "curl");
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", Integer.toString(maxSeconds)));
        command.addAll(proxyArgs);
        command.add("http://" + httpAddress + "/random?bytes=" + bytes + "&seed=" + seed);
        Process p = new ProcessBuilder(command).start();
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
        if (!p.waitFor(maxSeconds + 30L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Optional.of("curl did not finish");
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            return Optional.of("curl exited " + p.exitValue() + ": " + err + " after " + total + " bytes");
        }
        if (total != bytes) {
            return Optional.of("got " + total + " bytes instead of " + bytes);
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        String expected = HttpTestServer.expectedSha256(bytes, seed);
        return sha.equals(expected) ? Optional.empty() : Optional.of("SHA-256 " + sha + " instead of " + expected);
    }

    /**
     * {@code connections} connections at once, each sending its own pseudo-random payload (tens of
     * KiB, a different size each), half-closing, and reading it all back: every byte must match.
     */
    public static void assertConcurrentEchoes(int connections, EchoConnector connector) throws Exception {
        concurrently(connections, index -> echoOnce(index, connector.open(index), true));
    }

    /**
     * The same without the half-close, for transports that have none (Shadowsocks ends the whole
     * connection at the first end of input): each reads back exactly what it sent, then closes.
     */
    public static void assertConcurrentEchoesWithoutHalfClose(int connections, EchoConnector connector) throws Exception {
        concurrently(connections, index -> echoOnce(index, connector.open(index), false));
    }

    private interface Exchange {
        void run(int index) throws Exception;
    }

    private static void concurrently(int connections, Exchange exchange) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    exchange.run(index);
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void echoOnce(int index, Socket socket, boolean halfClose) throws IOException {
        byte[] payload = new byte[32 * 1024 + index * 131];
        new SplittableRandom(index).nextBytes(payload);
        try (socket) {
            socket.setSoTimeout(60_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(payload);
                    out.flush();
                    if (halfClose) {
                        socket.shutdownOutput();
                    }
                } catch (IOException ignored) {
                    // the reading side reports the failure
                }
            });
            writer.start();
            byte[] back = halfClose ? socket.getInputStream().readAllBytes() : socket.getInputStream().readNBytes(payload.length);
            assertArrayEquals(payload, back, "connection " + index);
        }
    }

    /** Runs a command to its end; asserts exit 0 and returns its stdout. */
    public static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "exit of " + String.join(" ", command) + ": " + err);
        return out;
    }

    /** A socket address from the text of a CMETHOD/SMETHOD address. */
    public static InetSocketAddress socketAddress(String text) {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(0, colon).replace("[", "").replace("]", ""), Integer.parseInt(text.substring(colon + 1)));
    }

    /** A socket connected directly to {@code address}. */
    public static Socket connect(String address) throws IOException {
        Socket socket = new Socket();
        socket.connect(socketAddress(address), 10_000);
        return socket;
    }
}
