package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.Exited;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.cli.testing.UdpEchoServer;
import org.ptdispatcher.engine.ipc.IpcLineParser;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.ipc.TrafficStatus;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code -trafficInterval} extension as a parent sees it: a plain client and server, each
 * asked for a report every second, carry a known number of bytes to an echo server and back, and
 * their STATUS lines count them; without the flag no STATUS line ever appears.
 */
class TrafficStatusIT {
    private static final int CHUNK = 16 * 1024;
    private static final int CHUNKS = 16;
    private static final long SENT = (long) CHUNK * CHUNKS;
    /** How long the reports may take to catch up before the test fails; never a wait in itself. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void theClientAndTheServerReportWhatTheyCarriedEachWay() throws Exception {
        EchoServer echo = EchoServer.start();
        PtProcess server = PtProcess.ptdispatcher().directory(dir.resolve("server"))
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + echo.port(), "-trafficInterval", "1").start();
        PtProcess client = PtProcess.ptdispatcher().directory(dir.resolve("client"))
                .args("-client", "-transport", "plain", "-trafficInterval", "1").start();
        try {
            String serverAddress = server.awaitSmethod("plain").address();
            String socks = client.awaitCmethod("plain");
            try (Socks5Client c = Socks5Client.connect(socks)) {
                assertEquals(0, c.greet(0));
                int colon = serverAddress.lastIndexOf(':');
                assertEquals(0, c.connectDomain(serverAddress.substring(0, colon), Integer.parseInt(serverAddress.substring(colon + 1))));
                echoes(c);

                // The connection is still open: the reports count it.
                TrafficStatus clientSaw = awaitReport(client, SENT, SENT);
                assertEquals("plain", clientSaw.transport());
                assertEquals(SENT, clientSaw.bytesIn(), "the client received what the echo sent back, no more");
                assertEquals(SENT, clientSaw.bytesOut(), "the client sent what the application wrote after its SOCKS handshake");
                assertEquals(1, clientSaw.connections());
                TrafficStatus serverSaw = awaitReport(server, SENT, SENT);
                assertEquals(new TrafficStatus("plain", SENT, SENT, 1), serverSaw, "a server's in is what its clients sent");
            }
            TrafficStatus afterClose = awaitReport(client, SENT, SENT, 0);
            assertEquals(new TrafficStatus("plain", SENT, SENT, 0), afterClose, "totals stay once the connection is gone");
        } finally {
            Closeables.closeAll(client, server, echo);
        }
    }

    @Test
    void inTheDatagramModesTheReportsCountEachDatagramsPayloadAndEachSourceAsAConnection() throws Exception {
        UdpEchoServer echo = UdpEchoServer.start();
        PtProcess server = PtProcess.ptdispatcher().directory(dir.resolve("udp-server"))
                .args("-server", "-transport", "plain", "-mode", "transparent-UDP", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + echo.port(), "-trafficInterval", "1").start();
        PtProcess client = null;
        try {
            String serverAddress = server.awaitSmethod("plain").address();
            client = PtProcess.ptdispatcher().directory(dir.resolve("udp-client"))
                    .args("-client", "-transport", "plain", "-mode", "transparent-UDP", "-target", serverAddress, "-trafficInterval", "1").start();
            InetSocketAddress entrance = PlainEndToEndIT.socketAddress(client.awaitCmethod("plain"));
            int datagrams = 50;
            int size = 1000;
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                socket.setSoTimeout(5000);
                Random random = new Random(5);
                for (int i = 0; i < datagrams; i++) {
                    byte[] payload = new byte[size];
                    random.nextBytes(payload);
                    socket.send(new DatagramPacket(payload, size, entrance));
                    DatagramPacket reply = new DatagramPacket(new byte[2 * size], 2 * size);
                    socket.receive(reply);
                    assertArrayEquals(payload, Arrays.copyOf(reply.getData(), reply.getLength()));
                }
                long carried = (long) datagrams * size;
                assertEquals(new TrafficStatus("plain", carried, carried, 1), awaitReport(client, carried, carried),
                        "the client: the echoes came out of the tunnel, the datagrams went in, one source");
                assertEquals(new TrafficStatus("plain", carried, carried, 1), awaitReport(server, carried, carried),
                        "the server: in is what the client sent");
            }
        } finally {
            Closeables.closeAll(client, server, echo);
        }
    }

    @Test
    void withoutTheFlagNoStatusLineAppears() throws Exception {
        try (EchoServer echo = EchoServer.start();
             PtProcess client = PtProcess.ptdispatcher().directory(dir.resolve("quiet"))
                     .args("-client", "-transport", "plain", "-exit-on-stdin-close").start()) {
            String socks = client.awaitCmethod("plain");
            try (Socks5Client c = Socks5Client.connect(socks)) {
                assertEquals(0, c.greet(0));
                assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port()));
                echoes(c);
            }
            client.closeStdin();
            assertEquals(Optional.of(0), client.awaitExit(DEADLINE));
            List<String> stdout = client.allStdout();
            assertFalse(stdout.stream().anyMatch(line -> line.startsWith("STATUS")), stdout.toString());
            assertEquals("CMETHODS DONE", stdout.get(stdout.size() - 1), "nothing after the announcements: " + stdout);
        }
    }

    @Test
    void aMalformedIntervalIsOneEnvErrorAndExit64() throws Exception {
        Exited run = Exited.run(PtProcess.ptdispatcher().directory(dir.resolve("bad")).args("-transport", "plain", "-trafficInterval", "often"));
        assertEquals(List.of("VERSION 2.2"), run.stdout());
        assertEquals(List.of("ENV-ERROR -trafficInterval \"often\" is not a number of seconds between 0 and 86400"), run.stderr());
        assertEquals(64, run.exitCode());
    }

    /** Sends {@link #SENT} random bytes through {@code c} and reads them back, a chunk at a time. */
    private static void echoes(Socks5Client c) throws IOException {
        Random random = new Random(17);
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < CHUNKS; i++) {
            random.nextBytes(chunk);
            c.send(chunk);
            assertArrayEquals(chunk, c.read(CHUNK));
        }
    }

    private static TrafficStatus awaitReport(PtProcess pt, long atLeastIn, long atLeastOut) throws InterruptedException {
        return awaitReport(pt, atLeastIn, atLeastOut, -1);
    }

    /** Reads {@code pt}'s stdout until a traffic report with at least these totals (and this many connections, unless -1). */
    private static TrafficStatus awaitReport(PtProcess pt, long atLeastIn, long atLeastOut, int connections) throws InterruptedException {
        String line = pt.awaitStdout(text -> report(text)
                .filter(r -> r.bytesIn() >= atLeastIn && r.bytesOut() >= atLeastOut && (connections < 0 || r.connections() == connections))
                .isPresent(), DEADLINE);
        assertTrue(line.startsWith("STATUS TRANSPORT=plain BYTES-IN="), line);
        return report(line).orElseThrow();
    }

    private static Optional<TrafficStatus> report(String line) {
        return IpcLineParser.parse(line)
                .filter(IpcMessage.Status.class::isInstance)
                .map(IpcMessage.Status.class::cast)
                .flatMap(TrafficStatus::read);
    }
}
