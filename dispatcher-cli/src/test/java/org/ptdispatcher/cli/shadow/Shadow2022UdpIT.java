package org.ptdispatcher.cli.shadow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Traffic;
import org.ptdispatcher.cli.testing.UdpEchoServer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shadowsocks 2022 UDP (SIP022 3.2) through real {@code ptdispatcher} processes in
 * transparent-UDP mode: our client sends each datagram as a UDP packet to our server's port,
 * which sends it on to a UDP echo target and seals the echo back. Between them sits
 * {@link UdpRelay}, a UDP-only forwarder: with no TCP listener there, an echo proves the
 * datagrams travelled as UDP packets, and the relay sees that no payload crosses in the clear and
 * can replay every packet.
 */
class Shadow2022UdpIT {
    private static final byte[] PSK = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            PSK[i] = (byte) (0x40 + i);
        }
    }

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

    private static String options(String method) {
        byte[] psk = method.contains("128") ? Arrays.copyOf(PSK, 16) : PSK;
        return "{\"password\":\"" + Base64.getEncoder().encodeToString(psk) + "\",\"cipherName\":\"" + method + "\"}";
    }

    /** Our server in front of a UDP echo target, our client towards it through a UDP relay: the client's entrance. */
    private InetSocketAddress pair(String method, UdpRelay relayOrNull, UdpEchoServer echo) throws Exception {
        PtProcess server = keep(PtProcess.ptdispatcher().directory(dir.resolve("server-" + running.size()))
                .args("-server", "-transport", "shadow", "-mode", "transparent-UDP", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + echo.port(), "-options", options(method)).start());
        InetSocketAddress serverAddress = Traffic.socketAddress(server.awaitSmethod("shadow").address());
        UdpRelay relay = keep(relayOrNull == null ? new UdpRelay(false) : relayOrNull);
        relay.towards(serverAddress);
        PtProcess client = keep(PtProcess.ptdispatcher().directory(dir.resolve("client-" + running.size()))
                .args("-client", "-transport", "shadow", "-mode", "transparent-UDP", "-target", "127.0.0.1:" + relay.port(),
                        "-options", options(method)).start());
        return Traffic.socketAddress(client.awaitCmethod("shadow"));
    }

    private static byte[] exchange(DatagramSocket socket, InetSocketAddress to, byte[] payload) throws IOException {
        socket.send(new DatagramPacket(payload, payload.length, to));
        return receive(socket);
    }

    /** The next datagram, or null if none comes within the socket's timeout. */
    private static byte[] receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[65536];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(reply);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    private static DatagramSocket application() throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5000);
        return socket;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-blake3-aes-128-gcm", "2022-blake3-aes-256-gcm", "2022-blake3-chacha20-poly1305"})
    void datagramsCrossAsSip022UdpPacketsAndComeBackIntact(String method) throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        UdpRelay relay = new UdpRelay(false);
        InetSocketAddress entrance = pair(method, relay, echo);
        try (DatagramSocket app = application()) {
            byte[] first = "datagram first".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(first, exchange(app, entrance, first), "the first datagram's echo; relay: " + relay);
            int lost = 0;
            for (int i = 0; i < 500; i++) {
                byte[] payload = ("datagram " + i + " of the 2022 UDP test").getBytes(StandardCharsets.US_ASCII);
                byte[] back = exchange(app, entrance, payload);
                if (back == null) {
                    lost++;
                } else {
                    assertArrayEquals(payload, back);
                }
            }
            assertEquals(0, lost, "lost datagrams");
        }
        assertTrue(relay.packets.get() >= 1000, "every datagram and echo crossed the UDP relay: " + relay.packets.get());
        assertFalse(relay.sawPlaintext.get(), "no payload crossed the relay in the clear");
    }

    @Test
    void eachSourceGetsItsOwnReplies() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        InetSocketAddress entrance = pair("2022-blake3-aes-128-gcm", null, echo);
        try (DatagramSocket a = application(); DatagramSocket b = application()) {
            for (int i = 0; i < 100; i++) {
                byte[] fromA = ("a " + i).getBytes(StandardCharsets.US_ASCII);
                byte[] fromB = ("b " + i).getBytes(StandardCharsets.US_ASCII);
                a.send(new DatagramPacket(fromA, fromA.length, entrance));
                b.send(new DatagramPacket(fromB, fromB.length, entrance));
                assertArrayEquals(fromA, receive(a), "a's echo " + i);
                assertArrayEquals(fromB, receive(b), "b's echo " + i);
            }
        }
    }

    @Test
    void aReplayedPacketIsNotSentOnAgain() throws Exception {
        UdpEchoServer echo = keep(UdpEchoServer.start());
        UdpRelay relay = new UdpRelay(true);
        InetSocketAddress entrance = pair("2022-blake3-aes-256-gcm", relay, echo);
        try (DatagramSocket app = application()) {
            for (int i = 0; i < 50; i++) {
                byte[] payload = ("once " + i).getBytes(StandardCharsets.US_ASCII);
                assertNotNull(exchange(app, entrance, payload), "echo " + i);
            }
            // Had the server taken the relay's copies, a second echo of each would be queued here.
            app.setSoTimeout(1000);
            assertEquals(null, receive(app), "no echo of a replayed packet");
        }
        assertTrue(relay.replayed.get() >= 50, "the relay replayed every packet: " + relay.replayed.get());
    }

    @Test
    void aClientSessionGoesOnThroughARestartedServerWhoseNewSessionCountsFromZero() throws Exception {
        String method = "2022-blake3-aes-256-gcm";
        UdpEchoServer echo = keep(UdpEchoServer.start());
        PtProcess server = server(method, "0", echo, "server-before");
        InetSocketAddress serverAddress = Traffic.socketAddress(server.awaitSmethod("shadow").address());
        UdpRelay relay = keep(new UdpRelay(false));
        relay.towards(serverAddress);
        PtProcess client = keep(PtProcess.ptdispatcher().directory(dir.resolve("client"))
                .args("-client", "-transport", "shadow", "-mode", "transparent-UDP", "-target", "127.0.0.1:" + relay.port(),
                        "-options", options(method)).start());
        InetSocketAddress entrance = Traffic.socketAddress(client.awaitCmethod("shadow"));
        try (DatagramSocket app = application()) {
            byte[] before = "before the restart".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(before, exchange(app, entrance, before));

            server.signal("TERM");
            assertTrue(server.awaitExit(Duration.ofSeconds(10)).isPresent(), "the first server ended");
            PtProcess again = server(method, String.valueOf(serverAddress.getPort()), echo, "server-after");
            again.awaitSmethod("shadow");
            // The same client session, its packet ids going on; the new server opens it afresh and
            // answers from a new server session whose packet ids start at 0 again, which the client takes.
            app.setSoTimeout(1000);
            byte[] after = "after the restart".getBytes(StandardCharsets.US_ASCII);
            byte[] back = null;
            for (int attempt = 0; attempt < 10 && back == null; attempt++) {
                back = exchange(app, entrance, after);
            }
            assertArrayEquals(after, back, "an echo through the restarted server");
            for (int i = 0; i < 20; i++) {
                byte[] payload = ("after " + i).getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(payload, exchange(app, entrance, payload), "echo " + i + " after the restart");
            }
        }
    }

    private PtProcess server(String method, String port, UdpEchoServer echo, String directory) throws IOException {
        return keep(PtProcess.ptdispatcher().directory(dir.resolve(directory))
                .args("-server", "-transport", "shadow", "-mode", "transparent-UDP", "-bindhost", "127.0.0.1", "-bindport", port,
                        "-target", "127.0.0.1:" + echo.port(), "-options", options(method)).start());
    }

    /**
     * A UDP forwarder between client and server, UDP only: what comes from the server goes to the
     * last client address, the rest to the server. It looks for the test's payloads in the clear,
     * and, if asked, sends every client packet to the server twice (a replay).
     */
    private static final class UdpRelay implements AutoCloseable {
        private final DatagramSocket socket;
        private final boolean replay;
        private final AtomicInteger packets = new AtomicInteger();
        private final AtomicInteger replayed = new AtomicInteger();
        private final AtomicBoolean sawPlaintext = new AtomicBoolean();
        private final Thread thread;
        private volatile InetSocketAddress server;
        private volatile InetSocketAddress lastFrom;

        UdpRelay(boolean replay) throws SocketException {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.replay = replay;
            this.thread = new Thread(this::run, "udp-relay");
            thread.setDaemon(true);
        }

        void towards(InetSocketAddress server) {
            this.server = server;
            if (!thread.isAlive()) {
                thread.start();
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public String toString() {
            return packets.get() + " packets towards " + server + ", last from " + lastFrom;
        }

        private void run() {
            byte[] buffer = new byte[65536];
            InetSocketAddress client = null;
            try {
                while (!socket.isClosed()) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    packets.incrementAndGet();
                    String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
                    if (text.contains("datagram ") || text.contains("once ")) {
                        sawPlaintext.set(true);
                    }
                    InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                    lastFrom = from;
                    if (from.equals(server)) {
                        if (client != null) {
                            socket.send(new DatagramPacket(packet.getData(), packet.getLength(), client));
                        }
                    } else {
                        client = from;
                        socket.send(new DatagramPacket(packet.getData(), packet.getLength(), server));
                        if (replay) {
                            socket.send(new DatagramPacket(packet.getData(), packet.getLength(), server));
                            replayed.incrementAndGet();
                        }
                    }
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
