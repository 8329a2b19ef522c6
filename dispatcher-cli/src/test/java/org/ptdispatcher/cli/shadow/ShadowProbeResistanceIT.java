package org.ptdispatcher.cli.shadow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.PtProcess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptdispatcher.cli.shadow.ShadowFixtures.PASSWORD;

/**
 * Bad input against our shadow server: each bad connection gets no answer and is closed (a FIN,
 * not a reset) only when the handshake timeout ends, while good connections keep working; the
 * server never logs a stack trace. The timeout is shortened with the server's
 * {@code handshakeTimeout} option, and the tests measure when the close comes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShadowProbeResistanceIT {
    private static final String CIPHER = "aes-256-gcm";
    private static final long TIMEOUT_MILLIS = 3000;

    @TempDir
    static Path state;

    private static HttpTestServer http;
    private static PtProcess server;
    private static InetSocketAddress serverAddress;
    private static final SsWire WIRE = new SsWire(CIPHER, PASSWORD);

    @BeforeAll
    static void start() throws Exception {
        http = HttpTestServer.start();
        // Proxy model (no -target): the address header decides where a good connection goes.
        server = PtProcess.ptdispatcher()
                .args("-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", "0", "-ipcLogLevel", "DEBUG",
                        "-exit-on-stdin-close", "-state", state.resolve("server").toString(),
                        "-options", ShadowFixtures.json(CIPHER, "handshakeTimeout", Long.toString(TIMEOUT_MILLIS / 1000)))
                .start();
        String address = server.awaitSmethod("shadow").address();
        serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(server, http);
    }

    /** The bytes of a good client stream asking for /hello. */
    private static byte[] goodStream() {
        byte[] header = SsWire.ipv4Header(new byte[] {127, 0, 0, 1}, http.port());
        byte[] request = "GET /hello HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] plaintext = new byte[header.length + request.length];
        System.arraycopy(header, 0, plaintext, 0, header.length);
        System.arraycopy(request, 0, plaintext, header.length, request.length);
        return WIRE.sealer(WIRE.newSalt()).seal(plaintext);
    }

    /** Sends a stream and returns the decrypted answer (the server closes after an HTTP/1.0 reply). */
    private static String exchange(byte[] stream) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(stream);
            byte[] wire = s.getInputStream().readAllBytes();
            return new String(WIRE.opener().open(wire), StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertGoodConnectionWorks() throws IOException {
        String response = exchange(goodStream());
        assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("hello"), response);
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(serverAddress, 5000);
        s.setSoTimeout((int) (TIMEOUT_MILLIS + 15_000));
        return s;
    }

    /**
     * Sends {@code bad}, checks that a good connection works meanwhile, then waits for the bad
     * one's end: no byte back, an orderly end of stream (not a reset), when the timeout ends.
     */
    private static void assertIgnoredUntilTimeout(byte[] bad) throws IOException {
        try (Socket s = connect()) {
            long connected = System.nanoTime();
            s.getOutputStream().write(bad);
            s.getOutputStream().flush();
            assertGoodConnectionWorks();
            assertClosedAtTimeout(s, connected);
        }
    }

    private static void assertClosedAtTimeout(Socket s, long connected) throws IOException {
        InputStream in = s.getInputStream();
        int first = in.read();   // blocks until the server closes; a reset would throw here
        long elapsedMillis = (System.nanoTime() - connected) / 1_000_000;
        assertEquals(-1, first, "the server sent something to a bad client");
        assertTrue(elapsedMillis >= TIMEOUT_MILLIS - 250, "closed after " + elapsedMillis + " ms, before the timeout of " + TIMEOUT_MILLIS);
        assertTrue(elapsedMillis <= TIMEOUT_MILLIS + 5000, "closed only after " + elapsedMillis + " ms");
    }

    @Test
    @Order(1)
    void goodConnectionWorks() throws IOException {
        assertGoodConnectionWorks();
    }

    @Test
    @Order(2)
    void wrongPassword() throws IOException {
        SsWire wrong = new SsWire(CIPHER, "not the password");
        byte[] header = SsWire.ipv4Header(new byte[] {127, 0, 0, 1}, http.port());
        assertIgnoredUntilTimeout(wrong.sealer(wrong.newSalt()).seal(header));
    }

    @Test
    @Order(3)
    void wrongCipher() throws IOException {
        SsWire other = new SsWire("chacha20-ietf-poly1305", PASSWORD);
        assertIgnoredUntilTimeout(other.sealer(other.newSalt()).seal(SsWire.ipv4Header(new byte[] {127, 0, 0, 1}, http.port())));
    }

    @Test
    @Order(4)
    void truncatedSalt() throws IOException {
        assertIgnoredUntilTimeout(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    }

    @Test
    @Order(5)
    void lengthWithTheTopBitsSet() throws IOException {
        SsWire.Sealer sealer = WIRE.sealer(WIRE.newSalt());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(sealer.sealLength(0xC000 | 7));
        stream.writeBytes(new byte[7 + 16]);
        assertIgnoredUntilTimeout(stream.toByteArray());
    }

    @Test
    @Order(6)
    void malformedAddressHeader() throws IOException {
        assertIgnoredUntilTimeout(WIRE.sealer(WIRE.newSalt()).seal(new byte[] {9, 1, 2, 3, 4, 5, 6}));
    }

    @Test
    @Order(7)
    void replayedStream() throws IOException {
        byte[] recorded = goodStream();
        String first = exchange(recorded);
        assertTrue(first.endsWith("hello"), first);
        assertIgnoredUntilTimeout(recorded);
    }

    @Test
    @Order(8)
    void randomByteFlood() throws IOException {
        try (Socket s = connect()) {
            long connected = System.nanoTime();
            SplittableRandom random = new SplittableRandom(99);
            byte[] block = new byte[64 * 1024];
            long floodEnd = connected + 1_000_000_000L;
            int sent = 0;
            // A second of random bytes (at most 256 MiB): the server reads and drops them all.
            while (System.nanoTime() < floodEnd && sent < 4096) {
                random.nextBytes(block);
                s.getOutputStream().write(block);
                sent++;
            }
            assertGoodConnectionWorks();
            assertClosedAtTimeout(s, connected);
        }
    }

    @Test
    @Order(9)
    void aBadClientThatClosesIsClosedAtOnce() throws IOException {
        try (Socket s = connect()) {
            long start = System.nanoTime();
            s.getOutputStream().write(new byte[100]);
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis < TIMEOUT_MILLIS, "answered a FIN with a FIN after " + elapsedMillis + " ms");
        }
    }

    @Test
    @Order(10)
    void serverKeptServingAndLoggedNoStackTrace() throws Exception {
        assertGoodConnectionWorks();
        assertTrue(server.process().isAlive());
        server.closeStdin();
        assertEquals(0, server.awaitExit(java.time.Duration.ofSeconds(20)).orElseThrow());
        List<String> output = new ArrayList<>(server.allStdout());
        output.addAll(server.allStderr());
        assertTrue(output.stream().anyMatch(l -> l.contains("did not authenticate")), "failures are logged at DEBUG: " + output);
        assertTrue(output.stream().anyMatch(l -> l.contains("replayed stream")), output.toString());
        for (String line : output) {
            assertFalse(line.contains("Exception") || line.startsWith("\tat ") || line.contains("at org.") || line.contains("at io.netty"),
                    "stack trace or exception in the server's output: " + line);
            assertFalse(line.contains(PASSWORD), "the password was logged: " + line);
        }
    }
}
