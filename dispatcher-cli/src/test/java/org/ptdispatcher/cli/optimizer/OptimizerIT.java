package org.ptdispatcher.cli.optimizer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.Exited;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.cli.testing.UdpEchoServer;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Optimizer client as a real {@code ptdispatcher} process over three real servers of three
 * transports: obfs4proxy's obfs4 server, shadowsocks-libev's {@code ss-server} (our shadow client
 * in the proxy model) and our plain server, each in front of an echo server of its own, so the echo
 * server that echoed a connection's bytes is the transport that carried them. Each test gives each
 * transport a part: down (a closed port), slow (behind a relay that holds each connection for
 * {@link #SLOW} before it reaches the server) or good (the server itself). Which one carried each
 * connection is read twice: the client's LOG line and the echo servers' byte counts.
 */
class OptimizerIT {
    private static final Duration SLOW = Duration.ofMillis(1500);
    private static final String PASSWORD = "optimizer-it password";
    private static final String CIPHER = "chacha20-ietf-poly1305";
    private static final int BYTES = 64 * 1024;
    private static final Pattern CARRIER = Pattern.compile("Optimizer: transports\\[(\\d)] \\((\\w+)\\) carries the connection");

    @TempDir
    static Path state;

    private static EchoServer obfs4Echo;
    private static EchoServer shadowEcho;
    private static EchoServer plainEcho;
    private static PtProcess obfs4Server;
    private static PtProcess ssServer;
    private static PtProcess plainServer;
    private static DelayingRelay slowObfs4;
    private static DelayingRelay slowShadow;
    private static int obfs4Port;
    private static int ssPort;
    private static int plainPort;
    private static int closedPort;
    private static String obfs4Config;
    private final List<PtProcess> clients = new ArrayList<>();

    /** The part a transport plays in a test. */
    private enum Part { DOWN, SLOW, GOOD }

    @BeforeAll
    static void startServers() throws Exception {
        obfs4Echo = EchoServer.start();
        shadowEcho = EchoServer.start();
        plainEcho = EchoServer.start();

        Path obfs4proxy = Peer.require("obfs4proxy", "obfs4proxy");
        obfs4Server = PtProcess.command(obfs4proxy.toString())
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_SERVER_TRANSPORTS", "obfs4")
                .env("TOR_PT_SERVER_BINDADDR", "obfs4-127.0.0.1:0")
                .env("TOR_PT_ORPORT", "127.0.0.1:" + obfs4Echo.port())
                .env("TOR_PT_SERVER_TRANSPORT_OPTIONS", "obfs4:iat-mode=0")
                .env("TOR_PT_STATE_LOCATION", state.resolve("obfs4proxy").toString())
                .start();
        IpcMessage.Smethod obfs4 = obfs4Server.awaitSmethod("obfs4");
        obfs4Port = port(obfs4.address());
        obfs4Config = "{\"cert\": \"" + obfs4.args().get("cert") + "\", \"iat-mode\": \"0\"}";

        ssPort = freePort();
        ssServer = PtProcess.command(Peer.require("ss-server", "shadowsocks-libev").toString(),
                "-s", "127.0.0.1", "-p", Integer.toString(ssPort), "-k", PASSWORD, "-m", CIPHER, "-t", "30").start();
        awaitListening(ssPort, ssServer);

        plainServer = PtProcess.ptdispatcher()
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + plainEcho.port(), "-state", state.resolve("plain").toString())
                .start();
        plainPort = port(plainServer.awaitSmethod("plain").address());

        slowObfs4 = DelayingRelay.start(obfs4Port, SLOW);
        slowShadow = DelayingRelay.start(ssPort, SLOW);
        closedPort = freePort();
    }

    @AfterAll
    static void stopServers() {
        Closeables.closeAll(obfs4Server, ssServer, plainServer, slowObfs4, slowShadow, obfs4Echo, shadowEcho, plainEcho);
    }

    @AfterEach
    void stopClients() {
        Closeables.closeAll(clients.toArray(new AutoCloseable[0]));
    }

    // --- the strategies -------------------------------------------------------------------------

    @Test
    void firstPassesOverTheDownObfs4AndTheSlowShadowCarriesEvenThoughPlainIsFaster() throws Exception {
        PtProcess client = client("first", obfs4(Part.DOWN), shadow(Part.SLOW), plain(Part.GOOD));
        String socks = client.awaitCmethod("Optimizer");
        assertCarriedBy(client, socks, 1, "shadow", shadowEcho, "transports[0] (obfs4)");
    }

    @Test
    void minimizeDialDurationRacesAndPlainCarriesWhileTheSlowObfs4CarriesNone() throws Exception {
        PtProcess client = client("minimizeDialDuration", obfs4(Part.SLOW), shadow(Part.DOWN), plain(Part.GOOD));
        String socks = client.awaitCmethod("Optimizer");
        long obfs4Before = obfs4Echo.echoedBytes();
        assertCarriedBy(client, socks, 2, "plain", plainEcho);
        assertEquals(obfs4Before, obfs4Echo.echoedBytes(), "the slower obfs4 carried none of the bytes");
    }

    @Test
    void rotateStartsEachConnectionOneEntryFurtherAndPassesOverTheDownShadow() throws Exception {
        PtProcess client = client("rotate", plain(Part.GOOD), obfs4(Part.SLOW), shadow(Part.DOWN));
        String socks = client.awaitCmethod("Optimizer");
        assertCarriedBy(client, socks, 0, "plain", plainEcho);
        assertCarriedBy(client, socks, 1, "obfs4", obfs4Echo);
        // The third starts at the down shadow, which fails; the rotation goes on to plain.
        assertCarriedBy(client, socks, 0, "plain", plainEcho, "transports[2] (shadow)");
    }

    @Test
    void trackKeepsTheObfs4ThatCarriedTheFirstConnection() throws Exception {
        PtProcess client = client("track", shadow(Part.DOWN), obfs4(Part.GOOD), plain(Part.SLOW));
        String socks = client.awaitCmethod("Optimizer");
        assertCarriedBy(client, socks, 1, "obfs4", obfs4Echo);
        assertCarriedBy(client, socks, 1, "obfs4", obfs4Echo);
    }

    @Test
    void trackStaysWithItsCarrierWhenTheFirstEntryComesUpWellAfterItsBackoff() throws Exception {
        int laterPort = freePort();
        PtProcess client = client("track", "{\"name\": \"plain\", \"address\": \"127.0.0.1:" + laterPort + "\"}", shadow(Part.GOOD));
        String socks = client.awaitCmethod("Optimizer");
        assertCarriedBy(client, socks, 1, "shadow", shadowEcho, "transports[0] (plain)");
        try (PtProcess later = PtProcess.ptdispatcher()
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", Integer.toString(laterPort),
                        "-target", "127.0.0.1:" + plainEcho.port(), "-state", state.resolve("later-track").toString())
                .start()) {
            later.awaitSmethod("plain");
            // For three times the entry's 1 s back-off, after which first goes back to it
            // (aDownEntryThatComesUpCarriesAgainOnceItsBackoffEnds), shadow keeps every connection.
            long until = System.nanoTime() + 3 * TimeUnit.SECONDS.toNanos(1);
            long plainBefore = plainEcho.echoedBytes();
            int connections = 0;
            while (System.nanoTime() < until || connections < 2) {
                assertCarriedBy(client, socks, 1, "shadow", shadowEcho);
                connections++;
            }
            assertEquals(plainBefore, plainEcho.echoedBytes(), "plain, up again, carried nothing");
        }
    }

    @Test
    void randomNeverLeavesAConnectionWithTheDownObfs4() throws Exception {
        PtProcess client = client("random", obfs4(Part.DOWN), shadow(Part.SLOW), plain(Part.GOOD));
        String socks = client.awaitCmethod("Optimizer");
        for (int i = 0; i < 4; i++) {
            int carrier = echoThrough(client, socks);
            assertTrue(carrier == 1 || carrier == 2, "connection " + i + " was carried by transports[" + carrier + "]");
        }
    }

    @Test
    void inTransparentTcpModeFirstPassesOverTheDownObfs4AndPlainCarries() throws Exception {
        PtProcess client = start(List.of("-mode", "transparent-TCP", "-target", "127.0.0.1:" + shadowEcho.port()),
                "first", obfs4(Part.DOWN), plain(Part.GOOD), shadow(Part.SLOW));
        InetSocketAddress listener = socketAddress(client.awaitCmethod("Optimizer"));
        long before = plainEcho.echoedBytes();
        try (Socket app = new Socket()) {
            app.connect(listener, 5000);
            assertEchoed(app);
        }
        assertEquals(1, carrierIndex(client));
        assertEquals(before + BYTES, plainEcho.echoedBytes());
    }

    @Test
    void inTransparentUdpModeFirstPassesOverTheDownObfs4AndPlainCarriesTheDatagramsExact() throws Exception {
        try (UdpEchoServer udpEcho = UdpEchoServer.start();
             PtProcess udpServer = PtProcess.ptdispatcher()
                     .args("-server", "-transport", "plain", "-mode", "transparent-UDP", "-bindhost", "127.0.0.1", "-bindport", "0",
                             "-target", "127.0.0.1:" + udpEcho.port(), "-state", state.resolve("udp-server").toString())
                     .start()) {
            int udpServerPort = port(udpServer.awaitSmethod("plain").address());
            // -target is where a lone transport would connect; each entry has its own address instead.
            PtProcess client = start(List.of("-mode", "transparent-UDP", "-target", "127.0.0.1:" + closedPort),
                    "first", obfs4(Part.DOWN), "{\"name\": \"plain\", \"address\": \"127.0.0.1:" + udpServerPort + "\"}");
            InetSocketAddress entrance = socketAddress(client.awaitCmethod("Optimizer"));
            try (DatagramSocket app = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                app.setSoTimeout(20_000);
                Random random = new Random(19);
                for (int i = 0; i < 20; i++) {
                    byte[] sent = new byte[1 + random.nextInt(1200)];
                    random.nextBytes(sent);
                    app.send(new DatagramPacket(sent, sent.length, entrance));
                    byte[] buffer = new byte[65536];
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    app.receive(reply);
                    assertArrayEquals(sent, Arrays.copyOf(reply.getData(), reply.getLength()), "datagram " + i);
                }
            }
            assertEquals(1, carrierIndex(client));
        }
    }

    @Test
    void aDownEntryThatComesUpCarriesAgainOnceItsBackoffEnds() throws Exception {
        int laterPort = freePort();
        PtProcess client = client("first", "{\"name\": \"plain\", \"address\": \"127.0.0.1:" + laterPort + "\"}", shadow(Part.GOOD));
        String socks = client.awaitCmethod("Optimizer");
        assertCarriedBy(client, socks, 1, "shadow", shadowEcho, "transports[0] (plain)");
        try (PtProcess later = PtProcess.ptdispatcher()
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", Integer.toString(laterPort),
                        "-target", "127.0.0.1:" + plainEcho.port(), "-state", state.resolve("later").toString())
                .start()) {
            later.awaitSmethod("plain");
            // Until its back-off ends the entry goes last and shadow carries; then the first entry is first again.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int carrier;
            do {
                assertTrue(System.nanoTime() < deadline, "transports[0] never carried again after it came up");
                carrier = echoThrough(client, socks);
            } while (carrier != 0);
        }
    }

    // --- the options' errors --------------------------------------------------------------------

    @Test
    void anUnknownInnerTransportIsACmethodErrorNamingItsEntry() throws Exception {
        Exited run = Exited.run(builder(List.of("-exit-on-stdin-close"), "first", plain(Part.GOOD),
                "{\"name\": \"obfs5\", \"address\": \"127.0.0.1:1\"}"));
        assertTrue(run.stdout().contains("CMETHODS DONE") && run.stdout().stream().noneMatch(l -> l.startsWith("CMETHOD Optimizer")),
                run.stdout().toString());
        assertEquals(List.of("CMETHOD-ERROR Optimizer transports[1] (obfs5): unknown transport \"obfs5\""), run.stderr());
    }

    @Test
    void anInnerTransportsOwnOptionErrorIsACmethodErrorNamingItsEntry() throws Exception {
        Exited run = Exited.run(builder(List.of("-exit-on-stdin-close"), "first",
                "{\"name\": \"shadow\", \"config\": {\"cipherName\": \"" + CIPHER + "\"}}"));
        assertEquals(List.of("CMETHOD-ERROR Optimizer transports[0] (shadow): missing option \"password\""), run.stderr());
    }

    @Test
    void anOptimizerInsideAnOptimizerIsACmethodErrorNamingItsEntry() throws Exception {
        Exited run = Exited.run(builder(List.of("-exit-on-stdin-close"), "first",
                "{\"name\": \"Optimizer\", \"config\": {\"transports\": [" + plain(Part.GOOD) + "]}}"));
        assertEquals(1, run.stderr().size(), run.stderr().toString());
        assertTrue(run.stderr().get(0).startsWith("CMETHOD-ERROR Optimizer transports[0] (Optimizer): an Optimizer cannot hold another Optimizer"),
                run.stderr().get(0));
    }

    // --- the entries ----------------------------------------------------------------------------

    private static String obfs4(Part part) {
        int port = part == Part.DOWN ? closedPort : part == Part.SLOW ? slowObfs4.port() : obfs4Port;
        return "{\"name\": \"obfs4\", \"config\": " + obfs4Config + ", \"address\": \"127.0.0.1:" + port + "\"}";
    }

    /** Our shadow client in the proxy model: its server in its config, the destination the application's. */
    private static String shadow(Part part) {
        int port = part == Part.DOWN ? closedPort : part == Part.SLOW ? slowShadow.port() : ssPort;
        return "{\"name\": \"shadow\", \"config\": {\"password\": \"" + PASSWORD + "\", \"cipherName\": \"" + CIPHER
                + "\", \"serverAddress\": \"127.0.0.1:" + port + "\"}}";
    }

    /** A slow plain would look good (its handshake is the TCP connect, which a relay cannot hold), so it is never slow here. */
    private static String plain(Part part) {
        int port = part == Part.DOWN ? closedPort : plainPort;
        return "{\"name\": \"plain\", \"address\": \"127.0.0.1:" + port + "\"}";
    }

    private PtProcess client(String strategy, String... entries) throws IOException {
        return start(List.of(), strategy, entries);
    }

    private PtProcess start(List<String> extra, String strategy, String... entries) throws IOException {
        PtProcess client = builder(extra, strategy, entries).start();
        clients.add(client);
        return client;
    }

    private PtProcess.Builder builder(List<String> extra, String strategy, String... entries) {
        String options = "{\"transports\": [" + String.join(", ", entries) + "], \"strategy\": \"" + strategy + "\"}";
        return PtProcess.ptdispatcher()
                .args("-client", "-transport", "Optimizer", "-ipcLogLevel", "INFO", "-options", options,
                        "-state", state.resolve("client-" + clients.size() + "-" + strategy).toString())
                .args(extra.toArray(new String[0]));
    }

    // --- one connection -------------------------------------------------------------------------

    /**
     * One SOCKS connection's bytes come back exact, the LOG line names the entry that carried it (after a
     * failure line for each of {@code failedFirst}, in order), and its echo server echoed them.
     */
    private static void assertCarriedBy(PtProcess client, String socks, int index, String name, EchoServer echo, String... failedFirst)
            throws Exception {
        long before = echo.echoedBytes();
        echoThroughSocks(socks);
        for (String failed : failedFirst) {
            String line = client.awaitStdout(l -> l.contains("Optimizer: ") && (l.contains(" failed (") || CARRIER.matcher(l).find()),
                    Duration.ofSeconds(20));
            assertTrue(line.contains("Optimizer: " + failed + " failed ("), failed + " failed first: " + line);
        }
        Matcher m = CARRIER.matcher(client.awaitStdout(l -> CARRIER.matcher(l).find(), Duration.ofSeconds(20)));
        assertTrue(m.find());
        assertEquals(index + " " + name, m.group(1) + " " + m.group(2), m.group());
        assertEquals(before + BYTES, echo.echoedBytes(), name + "'s echo server echoed the connection's bytes");
    }

    private static int echoThrough(PtProcess client, String socks) throws Exception {
        Matcher m = CARRIER.matcher(echoThroughLine(client, socks));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    /** Echoes {@link #BYTES} through the SOCKS port (to the shadow echo server, the proxy model's destination); returns the carrier's LOG line. */
    private static String echoThroughLine(PtProcess client, String socks) throws Exception {
        echoThroughSocks(socks);
        return client.awaitStdout(l -> CARRIER.matcher(l).find(), Duration.ofSeconds(20));
    }

    private static void echoThroughSocks(String socks) throws Exception {
        try (Socks5Client app = Socks5Client.connect(socks)) {
            app.socket().setSoTimeout(20_000);
            assertEquals(0, app.greet(0));
            assertEquals(0, app.connectDomain("127.0.0.1", shadowEcho.port()));
            assertEchoed(app.socket());
        }
    }

    private static int carrierIndex(PtProcess client) throws InterruptedException {
        Matcher m = CARRIER.matcher(client.awaitStdout(l -> CARRIER.matcher(l).find(), Duration.ofSeconds(20)));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    private static void assertEchoed(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        byte[] sent = new byte[BYTES];
        new Random(BYTES).nextBytes(sent);
        socket.getOutputStream().write(sent);
        socket.getOutputStream().flush();
        byte[] received = new byte[BYTES];
        InputStream in = socket.getInputStream();
        int read = 0;
        while (read < BYTES) {
            int n = in.read(received, read, BYTES - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        assertEquals(BYTES, read, "bytes echoed");
        assertArrayEquals(sent, received, "the echoed bytes differ at " + Arrays.mismatch(sent, received));
    }

    // --- plumbing -------------------------------------------------------------------------------

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static InetSocketAddress socketAddress(String address) {
        int colon = address.lastIndexOf(':');
        return new InetSocketAddress(address.substring(0, colon), port(address));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port, PtProcess process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            assertTrue(process.process().isAlive(), "ss-server exited before listening on " + port);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on 127.0.0.1:" + port);
    }
}
