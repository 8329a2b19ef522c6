package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults on the way, with a real client and server pair (plain, obfs4 and shadow) and real sockets:
 * the target resets mid-stream, either engine is killed with SIGKILL mid-stream, slow clients hold
 * SOCKS handshakes open. Each ends what it must end, at once, and nothing else.
 */
class FaultsIT {
    @TempDir
    Path dir;

    private EchoServer echo;
    private PtProcess server;
    private PtProcess client;
    private String socks;

    @BeforeEach
    void start() throws Exception {
        echo = EchoServer.start();
    }

    @AfterEach
    void stop() throws IOException {
        Closeables.closeAll(client, server);
        echo.close();
    }

    /** The transports a pair can run, with what each needs besides the addresses. */
    enum Transport {
        PLAIN, OBFS4, SHADOW;

        String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Options both sides take: shadow's password and cipher. */
        String[] options() {
            return this == SHADOW ? new String[] {"-options", "{\"password\":\"faults\",\"cipherName\":\"chacha20-ietf-poly1305\"}"} : new String[0];
        }
    }

    private Transport transport = Transport.PLAIN;
    /** Per-connection SOCKS args (obfs4's cert), empty for none. */
    private String socksArgs = "";

    /** A pair whose server forwards to {@code targetPort}; {@link #socks} is the client's SOCKS address. */
    private void startPair(int targetPort, String... clientJavaOptions) throws Exception {
        startPair(Transport.PLAIN, targetPort, clientJavaOptions);
    }

    private void startPair(Transport transport, int targetPort, String... clientJavaOptions) throws Exception {
        this.transport = transport;
        String name = transport.cliName();
        server = PtProcess.ptdispatcher().directory(dir.resolve("server"))
                .args("-server", "-transports", name, "-bindaddr", name + "-127.0.0.1:0", "-target", "127.0.0.1:" + targetPort,
                        "-state", dir.resolve("server").toString(), "-exit-on-stdin-close")
                .args(transport.options()).start();
        IpcMessage.Smethod smethod = server.awaitSmethod(name);
        this.serverAddress = smethod.address();
        socksArgs = transport == Transport.OBFS4 ? "cert=" + smethod.args().get("cert") + ";iat-mode=0" : "";
        startClient("client", clientJavaOptions);
    }

    private void startClient(String directory, String... clientJavaOptions) throws Exception {
        String name = transport.cliName();
        client = PtProcess.ptdispatcher().directory(dir.resolve(directory)).env("PTDISPATCHER_JAVA_OPTS", String.join(" ", clientJavaOptions))
                .args("-transports", name, "-ipcLogLevel", "WARN", "-state", dir.resolve(directory).toString(), "-exit-on-stdin-close")
                .args(transport.options()).start();
        socks = client.awaitCmethod(name);
    }

    private String serverAddress;

    /** A SOCKS tunnel through the pair to the PT server, which forwards to its target. */
    private Socks5Client tunnel() throws IOException {
        Socks5Client c = Socks5Client.connect(socks);
        greet(c);
        int colon = serverAddress.lastIndexOf(':');
        assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, Integer.parseInt(serverAddress.substring(colon + 1))));
        return c;
    }

    private void greet(Socks5Client c) throws IOException {
        if (socksArgs.isEmpty()) {
            assertEquals(0, c.greet(0));
        } else {
            assertEquals(2, c.greet(2));
            assertEquals(0, c.userPassword(socksArgs, "\0"));
        }
    }

    private static void assertEchoes(Socks5Client c, String text) throws IOException {
        c.send(text.getBytes());
        assertArrayEquals(text.getBytes(), c.read(text.length()));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTargetThatResetsMidStreamResetsTheApplication(Transport transport) throws Exception {
        try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> reset = CompletableFuture.runAsync(() -> {
                try (Socket s = target.accept()) {
                    s.getOutputStream().write(new byte[] {1, 2, 3});
                    assertEquals('x', s.getInputStream().read());
                    s.setSoLinger(true, 0); // close with a reset, mid-stream
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            startPair(transport, target.getLocalPort());
            try (Socks5Client c = tunnel()) {
                assertArrayEquals(new byte[] {1, 2, 3}, c.read(3));
                c.send('x');
                reset.get(20, TimeUnit.SECONDS);
                SocketException e = assertThrows(SocketException.class, () -> c.socket().getInputStream().read(),
                        "the application read a clean end of stream: a truncated download would look complete");
                assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("reset"), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void killingTheServerMidStreamEndsTheTunnelAndTheClientServesOn(Transport transport) throws Exception {
        startPair(transport, echo.port());
        try (Socks5Client c = tunnel()) {
            assertEchoes(c, "before");
            server.process().destroyForcibly().waitFor();
            assertEnds(c.socket().getInputStream());
            assertTrue(client.process().isAlive());
        }
        // The client still answers SOCKS: with the server gone, a refusal.
        try (Socks5Client c = Socks5Client.connect(socks)) {
            greet(c);
            int colon = serverAddress.lastIndexOf(':');
            assertEquals(5, c.connectAddress(new byte[] {127, 0, 0, 1}, Integer.parseInt(serverAddress.substring(colon + 1))), "connection refused");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void killingTheClientMidStreamEndsTheServersSideAndTheServerServesOn(Transport transport) throws Exception {
        try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            startPair(transport, target.getLocalPort());
            Socks5Client c = tunnel();
            try (Socket atTarget = target.accept()) {
                c.send('x');
                assertEquals('x', atTarget.getInputStream().read());
                client.process().destroyForcibly().waitFor();
                atTarget.setSoTimeout(20_000);
                assertEnds(atTarget.getInputStream());
            } finally {
                c.close();
            }
            assertTrue(server.process().isAlive());
            // A new client reaches the same server.
            startClient("client2");
            try (Socks5Client again = tunnel(); Socket atTarget = target.accept()) {
                again.send('y');
                assertEquals('y', atTarget.getInputStream().read());
            }
        }
    }

    /**
     * Slowloris: connections that send their SOCKS greeting a byte at a time and never finish are
     * closed at the handshake timeout (1 s here), and a good client is served all the while.
     */
    @Test
    void slowHandshakesAreClosedAtTheTimeoutWhileOthersAreServed() throws Exception {
        startPair(echo.port(), "-Dptdispatcher.socksHandshakeTimeout=1");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = org.ptdispatcher.cli.testing.Traffic.connect(socks);
                s.getOutputStream().write(5); // the first byte of a greeting, and no more
                slow.add(s);
            }
            try (Socks5Client good = tunnel()) {
                assertEchoes(good, "served");
            }
            for (Socket s : slow) {
                s.setSoTimeout(20_000);
                assertEnds(s.getInputStream());
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** The stream ends (a FIN or a reset) rather than hanging. */
    private static void assertEnds(InputStream in) {
        try {
            assertEquals(-1, in.read());
        } catch (SocketException reset) {
            // a reset is an end too
        } catch (IOException e) {
            throw new AssertionError("the connection did not end: " + e);
        }
    }
}
