package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.UdpEchoServer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec section 1.5 end to end over real UDP: transparent-UDP and STUN modes, our client and
 * server with a transport between them, real UDP programs at both ends.
 */
class UdpIT {
    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    /** A datagram server in {@code mode} in front of {@code targetPort}; returns it with its address. */
    private PtProcess server(String transport, String mode, int targetPort, String... extra) throws Exception {
        return keep(PtProcess.ptdispatcher().directory(dir.resolve("server-" + running.size()))
                .args("-server", "-transport", transport, "-mode", mode, "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + targetPort).args(extra).start());
    }

    private PtProcess client(String transport, String mode, String serverAddress, String... extra) throws Exception {
        return keep(PtProcess.ptdispatcher().directory(dir.resolve("client-" + running.size()))
                .args("-client", "-transport", transport, "-mode", mode, "-target", serverAddress).args(extra).start());
    }

    /** Sends a datagram and waits for its echo; empty if none came. */
    private static byte[] exchange(DatagramSocket socket, InetSocketAddress to, byte[] payload) throws IOException {
        socket.send(new DatagramPacket(payload, payload.length, to));
        byte[] buffer = new byte[65536];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(reply);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    @Test
    void tenThousandDatagramsOfRandomSizesArriveIntactOverPlain() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        String serverAddress = server("plain", "transparent-UDP", echo.port()).awaitSmethod("plain").address();
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client("plain", "transparent-UDP", serverAddress).awaitCmethod("plain"));
        assertTenThousandEchoes(entrance);
    }

    @Test
    void tenThousandDatagramsOfRandomSizesArriveIntactOverShadow() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        String options = "{\"password\": \"udp test secret\", \"cipherName\": \"AES-256-GCM\"}";
        String serverAddress = server("shadow", "transparent-UDP", echo.port(), "-options", options).awaitSmethod("shadow").address();
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(
                client("shadow", "transparent-UDP", serverAddress, "-options", options).awaitCmethod("shadow"));
        assertTenThousandEchoes(entrance);
    }

    @Test
    void tenThousandDatagramsOfRandomSizesArriveIntactOverObfs4() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        org.ptdispatcher.engine.ipc.IpcMessage.Smethod smethod = server("obfs4", "transparent-UDP", echo.port()).awaitSmethod("obfs4");
        String options = "{\"cert\": \"" + smethod.args().get("cert") + "\", \"iat-mode\": \"0\"}";
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(
                client("obfs4", "transparent-UDP", smethod.address(), "-options", options).awaitCmethod("obfs4"));
        assertTenThousandEchoes(entrance);
    }

    static void assertTenThousandEchoes(InetSocketAddress entrance) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5000);
            byte[] first = "first".getBytes(StandardCharsets.US_ASCII);
            byte[] echoed = exchange(socket, entrance, first);
            assertTrue(echoed != null && Arrays.equals(first, echoed), "the first datagram (held while connecting) came back");
            SplittableRandom random = new SplittableRandom(42);
            int lost = 0;
            int corrupted = 0;
            for (int i = 0; i < 10_000; i++) {
                byte[] payload = new byte[1 + random.nextInt(1400)];
                random.nextBytes(payload);
                byte[] back = exchange(socket, entrance, payload);
                if (back == null) {
                    lost++;
                } else if (!Arrays.equals(payload, back)) {
                    corrupted++;
                }
            }
            assertEquals(0, corrupted, "corrupted datagrams");
            assertEquals(0, lost, "lost datagrams");
        }
    }

    @Test
    void repliesReachTheRightSourceWhenSeveralTalkAtOnce() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        String serverAddress = server("plain", "transparent-UDP", echo.port()).awaitSmethod("plain").address();
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client("plain", "transparent-UDP", serverAddress).awaitCmethod("plain"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                int sourceId = s;
                results.add(pool.submit(() -> {
                    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                        socket.setSoTimeout(5000);
                        for (int i = 0; i < 500; i++) {
                            byte[] payload = ("source " + sourceId + " datagram " + i).getBytes(StandardCharsets.US_ASCII);
                            byte[] back = exchange(socket, entrance, payload);
                            assertTrue(back != null && Arrays.equals(payload, back), "source " + sourceId + " datagram " + i);
                        }
                    }
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

    @Test
    void aStunBindingThroughTheTunnelReachesCoturn() throws Exception {
        assertStunBindingReachesCoturn("plain");
    }

    /** STUN mode carries its messages in the stream, with a 2022 cipher too (only transparent-UDP sends SIP022 UDP packets). */
    @Test
    void aStunBindingThroughShadowsocks2022ReachesCoturn() throws Exception {
        byte[] psk = new byte[32];
        new SecureRandom().nextBytes(psk);
        String key = Base64.getEncoder().encodeToString(psk);
        assertStunBindingReachesCoturn("shadow", "-options", "{\"password\": \"" + key + "\", \"cipherName\": \"2022-blake3-aes-256-gcm\"}");
    }

    private void assertStunBindingReachesCoturn(String transport, String... options) throws Exception {
        Path turnserver = Peer.require("turnserver", "coturn");
        Path stunclient = Peer.require("turnutils_stunclient", "coturn");
        int turnPort = freeUdpAndTcpPort();
        Process turn = new ProcessBuilder(turnserver.toString(), "-n", "--listening-ip=127.0.0.1", "--listening-port=" + turnPort,
                "--no-tls", "--no-dtls", "--no-cli", "--log-file=stdout", "--simple-log")
                .redirectErrorStream(true).redirectOutput(dir.resolve("turnserver-" + transport + ".log").toFile()).start();
        keep(turn::destroy);
        String serverAddress = server(transport, "STUN", turnPort, options).awaitSmethod(transport).address();
        String entrance = client(transport, "STUN", serverAddress, options).awaitCmethod(transport);
        awaitTurnListening(turnPort);
        int port = PlainEndToEndIT.socketAddress(entrance).getPort();
        String output = PlainEndToEndIT.run("timeout", "20", stunclient.toString(), "-p", Integer.toString(port), "127.0.0.1");
        assertTrue(output.contains("UDP reflexive addr: 127.0.0.1:"), output);
    }

    @Test
    void aFrameLongerThanADatagramEndsOnlyThatConnection() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        PtProcess server = server("plain", "transparent-UDP", echo.port(), "-ipcLogLevel", "WARN");
        String serverAddress = server.awaitSmethod("plain").address();
        try (Socket raw = new Socket()) {
            raw.connect(PlainEndToEndIT.socketAddress(serverAddress), 5000);
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3});
            assertEquals(-1, raw.getInputStream().read(), "the connection was closed");
        }
        server.awaitStdout(l -> l.startsWith("LOG WARN plain: ending a datagram connection") && l.contains("longer than any UDP datagram"), Duration.ofSeconds(10));
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client("plain", "transparent-UDP", serverAddress).awaitCmethod("plain"));
        assertStillServes(entrance);
    }

    @Test
    void aBadStunHeaderInTheStreamEndsOnlyThatConnection() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        PtProcess server = server("plain", "STUN", echo.port(), "-ipcLogLevel", "WARN");
        String serverAddress = server.awaitSmethod("plain").address();
        try (Socket raw = new Socket()) {
            raw.connect(PlainEndToEndIT.socketAddress(serverAddress), 5000);
            raw.setSoTimeout(10_000);
            byte[] header = new byte[20];
            header[1] = 1;
            header[4] = 0x12; // not the magic cookie
            raw.getOutputStream().write(header);
            assertEquals(-1, raw.getInputStream().read());
        }
        server.awaitStdout(l -> l.startsWith("LOG WARN plain: ending a datagram connection") && l.contains("magic cookie"), Duration.ofSeconds(10));
    }

    /** A client resetting its tunnel is ordinary (and a client can do it at will): a DEBUG line, no WARNING, and the server serves on. */
    @Test
    void aClientsResetIsLoggedAtDebugOnly() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        PtProcess server = server("plain", "transparent-UDP", echo.port(), "-ipcLogLevel", "DEBUG");
        String serverAddress = server.awaitSmethod("plain").address();
        try (Socket raw = new Socket()) {
            raw.connect(PlainEndToEndIT.socketAddress(serverAddress), 5000);
            raw.getOutputStream().write(new byte[] {0, 3, 1, 2, 3}); // one whole frame, a 3-byte datagram
            raw.setSoLinger(true, 0);
        }
        server.awaitStdout(noWarningBefore("reset by the client"), Duration.ofSeconds(15));
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client("plain", "transparent-UDP", serverAddress).awaitCmethod("plain"));
        assertStillServes(entrance);
    }

    /** The same on the client's side: a server (here a socket that takes the tunnel, reads its first frame, then resets it). */
    @Test
    void aServersResetIsLoggedAtDebugOnly() throws Exception {
        try (ServerSocket fakeServer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PtProcess client = client("plain", "transparent-UDP", "127.0.0.1:" + fakeServer.getLocalPort(), "-ipcLogLevel", "DEBUG");
            InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client.awaitCmethod("plain"));
            try (DatagramSocket source = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                byte[] payload = {1, 2, 3};
                source.send(new DatagramPacket(payload, payload.length, entrance));
                fakeServer.setSoTimeout(20_000);
                try (Socket tunnel = fakeServer.accept()) {
                    tunnel.setSoTimeout(20_000);
                    tunnel.getInputStream().readNBytes(2 + payload.length);
                    tunnel.setSoLinger(true, 0);
                }
            }
            client.awaitStdout(noWarningBefore("reset by the server"), Duration.ofSeconds(15));
        }
    }

    /** Matches a line containing {@code text}; fails the test on any WARN or ERROR line before it. */
    private static java.util.function.Predicate<String> noWarningBefore(String text) {
        return line -> {
            if (line.startsWith("LOG WARN") || line.startsWith("LOG ERROR")) {
                throw new AssertionError("a reset logged above DEBUG: " + line);
            }
            return line.startsWith("LOG DEBUG") && line.contains(text);
        };
    }

    @Test
    void aNonStunDatagramToAStunClientIsDroppedWithALogLine() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        String serverAddress = server("plain", "STUN", echo.port()).awaitSmethod("plain").address();
        PtProcess client = client("plain", "STUN", serverAddress, "-ipcLogLevel", "INFO");
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client.awaitCmethod("plain"));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5000);
            byte[] notStun = "definitely not a STUN message".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(notStun, notStun.length, entrance));
            client.awaitStdout(l -> l.startsWith("LOG INFO plain: dropped a datagram:"), Duration.ofSeconds(10));
            byte[] binding = stunBindingRequest();
            byte[] back = exchange(socket, entrance, binding);
            assertTrue(back != null && Arrays.equals(binding, back), "a valid STUN message still goes through");
        }
    }

    @Test
    void aFloodingSourceStopsNothingElse() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        String serverAddress = server("plain", "transparent-UDP", echo.port()).awaitSmethod("plain").address();
        PtProcess client = client("plain", "transparent-UDP", serverAddress);
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client.awaitCmethod("plain"));
        try (DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            byte[] payload = new byte[1400];
            for (int i = 0; i < 100_000; i++) {
                flooder.send(new DatagramPacket(payload, payload.length, entrance));
            }
        }
        assertTrue(client.process().isAlive());
        assertStillServes(entrance);
    }

    @Test
    void anIdleSourceLosesItsConnectionAfterTheIdleTimeout() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        PtProcess server = server("plain", "transparent-UDP", echo.port(), "-ipcLogLevel", "DEBUG");
        String serverAddress = server.awaitSmethod("plain").address();
        InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client("plain", "transparent-UDP", serverAddress, "-udpIdleTimeout", "2").awaitCmethod("plain"));
        assertStillServes(entrance);
        server.awaitStdout(l -> l.startsWith("LOG DEBUG plain: datagram connection from") && l.endsWith("closed"), Duration.ofSeconds(15));
    }

    /**
     * A new source gets an answer. UDP may lose a datagram (a busy machine can take longer to open
     * the connection than a short idle timeout allows), so it asks again until a deadline.
     */
    private static void assertStillServes(InetSocketAddress entrance) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(1000);
            byte[] payload = "still serving".getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                byte[] back = exchange(socket, entrance, payload);
                if (back != null) {
                    assertTrue(Arrays.equals(payload, back), "the echo matches");
                    return;
                }
            }
            throw new AssertionError("a new source got no answer within 30 s");
        }
    }

    /** A STUN Binding request: type 0x0001, no attributes, the magic cookie, a random transaction id. */
    private static byte[] stunBindingRequest() {
        byte[] m = new byte[20];
        new SplittableRandom().nextBytes(m);
        m[0] = 0;
        m[1] = 0x01;
        m[2] = 0;
        m[3] = 0;
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xa4;
        m[7] = 0x42;
        return m;
    }

    private static int freeUdpAndTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitTurnListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("turnserver did not start on " + port);
                }
                Thread.sleep(50);
            }
        }
    }
}
