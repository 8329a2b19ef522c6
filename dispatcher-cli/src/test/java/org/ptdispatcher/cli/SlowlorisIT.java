package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slowloris against the servers: a hundred connections that start the transport's handshake
 * and never finish it. A good client is served all the while, and each slow connection is closed
 * at the server's handshake timeout (obfs4: 30 s and this server's close delay, 7 s for the seed
 * below; shadow: its handshakeTimeout option, 1 s here; webtunnel: 60 s without a whole request,
 * as nginx's client_header_timeout).
 */
class SlowlorisIT {
    private static final int SLOW = 100;
    /** Obfs4Endpoints.FAST_DRBG_SEED: its close delay for failed handshakes is 7 s. */
    private static final String SEVEN_SECOND_CLOSE_DELAY_SEED = "87d080e626114869c269d1352f1abaf50aa6f112fb8d247f";

    @TempDir
    Path dir;

    private EchoServer echo;
    private PtProcess server;
    private PtProcess client;
    private final List<Socket> slow = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        echo = EchoServer.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : slow) {
            s.close();
        }
        Closeables.closeAll(client, server);
        echo.close();
    }

    @Test
    void obfs4() throws Exception {
        Files.createDirectories(dir.resolve("server"));
        Files.writeString(dir.resolve("server/obfs4_state.json"), "{\"node-id\":\"5f40bb1ad3aef7064f6031d8151856c311a6601a\","
                + "\"private-key\":\"1c69e91b945c7859f79153a9e7acd749182ec076a23150127ce2c4b0a44585f5\",\"public-key\":\"\","
                + "\"drbg-seed\":\"" + SEVEN_SECOND_CLOSE_DELAY_SEED + "\",\"iat-mode\":0}");
        IpcMessage.Smethod smethod = startServer("obfs4");
        String socks = startClient("obfs4");
        holdSlowConnections(smethod.address(), new byte[] {0x42});
        try (Socks5Client good = Socks5Client.connect(socks)) {
            assertEquals(2, good.greet(2));
            assertEquals(0, good.userPassword("cert=" + smethod.args().get("cert") + ";iat-mode=0", "\0"));
            assertEchoesThrough(good, smethod.address());
        }
        assertSlowConnectionsEnd(90_000);
    }

    @Test
    void shadow() throws Exception {
        IpcMessage.Smethod smethod = startServer("shadow", "-options", "{\"password\":\"slow\",\"cipherName\":\"aes-256-gcm\",\"handshakeTimeout\":\"1\"}");
        String socks = startClient("shadow", "-options", "{\"password\":\"slow\",\"cipherName\":\"aes-256-gcm\"}");
        holdSlowConnections(smethod.address(), new byte[] {0x42});
        try (Socks5Client good = Socks5Client.connect(socks)) {
            assertEquals(0, good.greet(0));
            assertEchoesThrough(good, smethod.address());
        }
        assertSlowConnectionsEnd(30_000);
    }

    @Test
    void webtunnel() throws Exception {
        // Its SMETHOD names the reference's synthetic address (clients reach it through a web
        // server): the port it binds is the one given here.
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        startServer("webtunnel", port, "-options", "{\"url\":\"https://bridge.example/s3cretPath\"}");
        String address = "127.0.0.1:" + port;
        String request = "GET /s3cretPath HTTP/1.1\r\nHost: bridge.example\r\nUser-Agent: Go-http-client/1.1\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n";
        holdSlowConnections(address, request.substring(0, 20).getBytes(StandardCharsets.US_ASCII));
        // A good client: the whole upgrade request, the 101, then the tunnel (to the echo server).
        String[] hostPort = address.split(":");
        try (Socket good = new Socket()) {
            good.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 5000);
            good.setSoTimeout(20_000);
            good.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String switching = "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n";
            assertEquals(switching, new String(good.getInputStream().readNBytes(switching.length()), StandardCharsets.US_ASCII));
            good.getOutputStream().write("echo me".getBytes(StandardCharsets.US_ASCII));
            assertEquals("echo me", new String(good.getInputStream().readNBytes(7), StandardCharsets.US_ASCII));
        }
        assertSlowConnectionsEnd(120_000);
    }

    private IpcMessage.Smethod startServer(String transport, String... options) throws Exception {
        return startServer(transport, 0, options);
    }

    private IpcMessage.Smethod startServer(String transport, int port, String... options) throws Exception {
        server = PtProcess.ptdispatcher().directory(dir.resolve("server"))
                .args("-server", "-transport", transport, "-bindhost", "127.0.0.1", "-bindport", Integer.toString(port), "-target", "127.0.0.1:" + echo.port(),
                        "-state", dir.resolve("server").toString(), "-ipcLogLevel", "WARN", "-exit-on-stdin-close")
                .args(options).start();
        return server.awaitSmethod(transport);
    }

    private String startClient(String transport, String... options) throws Exception {
        client = PtProcess.ptdispatcher().directory(dir.resolve("client"))
                .args("-client", "-transport", transport, "-state", dir.resolve("client").toString(), "-exit-on-stdin-close")
                .args(options).start();
        return client.awaitCmethod(transport);
    }

    /** Opens {@link #SLOW} connections to the server that each send {@code start} and then nothing. */
    private void holdSlowConnections(String address, byte[] start) throws IOException {
        int colon = address.lastIndexOf(':');
        for (int i = 0; i < SLOW; i++) {
            Socket s = new Socket();
            slow.add(s);
            s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 5000);
            s.getOutputStream().write(start);
        }
    }

    /** A SOCKS CONNECT to the PT server (which forwards to the echo server), then an echo. */
    private static void assertEchoesThrough(Socks5Client good, String serverAddress) throws IOException {
        int colon = serverAddress.lastIndexOf(':');
        assertEquals(0, good.connectAddress(new byte[] {127, 0, 0, 1}, Integer.parseInt(serverAddress.substring(colon + 1))));
        good.send("served".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("served".getBytes(StandardCharsets.US_ASCII), good.read(6));
    }

    /** Every slow connection ends (a FIN or a reset) within {@code boundMillis}, without a byte from the server. */
    private void assertSlowConnectionsEnd(int boundMillis) throws IOException {
        long deadline = System.nanoTime() + boundMillis * 1_000_000L;
        for (Socket s : slow) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            s.setSoTimeout(left);
            InputStream in = s.getInputStream();
            try {
                int first = in.read();
                if (first >= 0) {
                    // webtunnel answers nothing either: a half request gets no page.
                    throw new AssertionError("the server sent a byte to a connection that never finished its handshake");
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("a slow connection was still open after " + boundMillis + " ms");
            } catch (SocketException reset) {
                // a reset is an end too
            }
        }
        assertTrue(server.process().isAlive());
    }
}
