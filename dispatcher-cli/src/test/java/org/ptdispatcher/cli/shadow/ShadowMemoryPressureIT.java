package org.ptdispatcher.cli.shadow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.PtProcess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptdispatcher.cli.shadow.ShadowFixtures.PASSWORD;

/**
 * Issue 15, defect 2: unauthenticated connections against a shadow server with a 96 MB heap.
 * Each sends one byte and stays open; before the fix each made the decoder allocate about 96 KiB,
 * and 1,500 of them ended in OutOfMemoryError in the event loops, after which the server served
 * nothing. Now they cost next to nothing, and a good client is served while they are open and
 * after they close. (The cap on pending handshakes is raised above their number here: what is
 * tested is what each costs; ConnectionCapsIT tests the cap.)
 */
class ShadowMemoryPressureIT {
    private static final String CIPHER = "aes-256-gcm";
    private static final int CONNECTIONS = 1500;
    private static final SsWire WIRE = new SsWire(CIPHER, PASSWORD);

    @TempDir
    Path state;

    @Test
    void oneByteConnectionsDoNotExhaustASmallHeap() throws Exception {
        try (HttpTestServer http = HttpTestServer.start();
             PtProcess server = PtProcess.ptdispatcher().env("PTDISPATCHER_JAVA_OPTS", "-Xmx96m -Dptdispatcher.maxPendingHandshakes=" + (CONNECTIONS + 10))
                     .args("-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", "0", "-ipcLogLevel", "WARN",
                             "-state", state.toString(), "-options", ShadowFixtures.json(CIPHER)).start()) {
            String address = server.awaitSmethod("shadow").address();
            InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
            List<Socket> pending = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = new Socket();
                    s.connect(at, 5000);
                    s.getOutputStream().write(i);
                    pending.add(s);
                }
                assertServed(at, http);
                assertTrue(server.process().isAlive());
            } finally {
                for (Socket s : pending) {
                    s.close();
                }
            }
            assertServed(at, http);
        }
    }

    /** A good client's request through the server is answered. */
    private static void assertServed(InetSocketAddress at, HttpTestServer http) throws IOException {
        byte[] header = SsWire.ipv4Header(new byte[] {127, 0, 0, 1}, http.port());
        byte[] request = "GET /hello HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] plaintext = new byte[header.length + request.length];
        System.arraycopy(header, 0, plaintext, 0, header.length);
        System.arraycopy(request, 0, plaintext, header.length, request.length);
        try (Socket s = new Socket()) {
            s.connect(at, 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(WIRE.sealer(WIRE.newSalt()).seal(plaintext));
            String response = new String(WIRE.opener().open(s.getInputStream().readAllBytes()), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("hello"), response);
        }
    }
}
