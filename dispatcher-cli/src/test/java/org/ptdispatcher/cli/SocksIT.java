package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.engine.socks.SocksHandshakeTimeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SOCKS 5 server of a client in socks5 mode, byte by byte: methods 0x00, 0x02 (RFC 1929 with
 * Tor-style args) and 0x09 (spec 1.4's JSON block with its error replies), CONNECT to each address
 * type, and the reply code for each way a connection can fail.
 */
class SocksIT {
    private static final int NO_AUTH = 0x00;
    private static final int USER_PASSWORD = 0x02;
    private static final int JSON_BLOCK = 0x09;
    /** The handshake timeout of {@link #quick}, short so the timeout tests need not wait the default 10 s. */
    private static final long QUICK_HANDSHAKE_TIMEOUT_MILLIS = 1000;

    @TempDir
    static Path dir;

    private static EchoServer echo;
    private static EchoServer echo6;
    private static PtProcess client;
    private static String socks;
    /** A client with a short SOCKS handshake timeout (the launcher passes the JVM option on from PTDISPATCHER_JAVA_OPTS). */
    private static PtProcess quick;
    private static String quickSocks;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start();
        echo6 = EchoServer.start(InetAddress.getByName("::1"));
        client = PtProcess.ptdispatcher().directory(dir).args("-transport", "plain", "-connectTimeout", "2").start();
        socks = client.awaitCmethod("plain");
        quick = PtProcess.ptdispatcher().directory(dir.resolve("quick")).args("-transport", "plain")
                .env("PTDISPATCHER_JAVA_OPTS", "-D" + SocksHandshakeTimeout.PROPERTY + "=" + QUICK_HANDSHAKE_TIMEOUT_MILLIS / 1000.0).start();
        quickSocks = quick.awaitCmethod("plain");
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        quick.close();
        echo.close();
        echo6.close();
    }

    private static void assertEchoes(Socks5Client c, String text) throws IOException {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        c.send(message);
        assertArrayEquals(message, c.read(message.length));
    }

    @Test
    void noAuthenticationConnectsToIpv4() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(NO_AUTH, c.greet(NO_AUTH));
            assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port()));
            assertEchoes(c, "ipv4");
        }
    }

    @Test
    void connectsToIpv6() throws IOException {
        byte[] loopback6 = new byte[16];
        loopback6[15] = 1;
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(NO_AUTH, c.greet(NO_AUTH));
            assertEquals(0, c.connectAddress(loopback6, echo6.port()));
            assertEchoes(c, "ipv6");
        }
    }

    @Test
    void connectsToADomainNameResolvedFromHosts() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(NO_AUTH, c.greet(NO_AUTH));
            assertEquals(0, c.connectDomain("localhost", echo.port()));
            assertEchoes(c, "name");
        }
    }

    @Test
    void bytesSentRightBehindTheRequestAreNotLost() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            byte[] request = {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, (byte) (echo.port() >> 8), (byte) echo.port()};
            byte[] early = "early bytes".getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[request.length + early.length];
            System.arraycopy(request, 0, all, 0, request.length);
            System.arraycopy(early, 0, all, request.length, early.length);
            c.send(all);
            assertArrayEquals(new byte[] {5, 0}, c.read(2));
            assertEquals(0, c.readReply());
            assertArrayEquals(early, c.read(early.length));
        }
    }

    @Test
    void rfc1929CarriesTorStyleArgsIncludingTheNulPassword() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(USER_PASSWORD, c.greet(NO_AUTH, USER_PASSWORD));
            assertEquals(0, c.userPassword("cert=abc\\;def;iat-mode=0", "\0"));
            assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port()));
            assertEchoes(c, "with args");
        }
    }

    @Test
    void malformedRfc1929ArgsFailAuthentication() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(USER_PASSWORD, c.greet(USER_PASSWORD));
            assertEquals(1, c.userPassword("no-equals-sign", "\0"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void theJsonParameterBlockIsPreferredAndAccepted() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(JSON_BLOCK, c.greet(NO_AUTH, USER_PASSWORD, JSON_BLOCK));
            c.parameterBlock("{\"shared-secret\": \"rahasia\", \"secrets-file\": \"/tmp/blob\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port()));
            assertEchoes(c, "json");
        }
    }

    @Test
    void anOversizedParameterBlockGets0x10() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(JSON_BLOCK, c.greet(JSON_BLOCK));
            c.send((byte) 0, (byte) 0x10, 0, 0);
            assertEquals(0x10, c.readReply());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aParameterBlockThatNeverArrivesGets0x11() throws IOException {
        try (Socks5Client c = Socks5Client.connect(quickSocks)) {
            assertEquals(JSON_BLOCK, c.greet(JSON_BLOCK));
            c.send((byte) 0, 0, 0, 50);
            c.send("{\"half".getBytes(StandardCharsets.US_ASCII));
            assertEquals(0x11, c.readReply());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aParameterBlockThatIsNotAJsonObjectGets0x12() throws IOException {
        for (String body : List.of("{\"unterminated", "[1,2]", "\"text\"")) {
            try (Socks5Client c = Socks5Client.connect(socks)) {
                assertEquals(JSON_BLOCK, c.greet(JSON_BLOCK));
                c.parameterBlock(body.getBytes(StandardCharsets.UTF_8));
                assertEquals(0x12, c.readReply(), body);
                assertTrue(c.closedByServer());
            }
        }
    }

    @Test
    void noAcceptableMethodGets0xFF() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(0xff, c.greet(0x01, 0x03));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void somethingThatIsNotSocks5IsClosedWithoutAnswer() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            c.send(4, 1, 0, 80, 127, 0, 0, 1, 0);
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void bindAndUdpAssociateGetCommandNotSupported() throws IOException {
        for (int command : new int[] {2, 3}) {
            try (Socks5Client c = Socks5Client.connect(socks)) {
                assertEquals(NO_AUTH, c.greet(NO_AUTH));
                c.send(5, (byte) command, 0, 1, 127, 0, 0, 1, 0, 80);
                assertEquals(0x07, c.readReply());
                assertTrue(c.closedByServer());
            }
        }
    }

    @Test
    void anUnknownAddressTypeGetsAddressTypeNotSupported() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(NO_AUTH, c.greet(NO_AUTH));
            c.send(5, 1, 0, 9, 1, 2, 3, 4, 0, 80);
            assertEquals(0x08, c.readReply());
        }
    }

    @Test
    void aClosedPortGetsConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(NO_AUTH, c.greet(NO_AUTH));
            assertEquals(0x05, c.connectAddress(new byte[] {127, 0, 0, 1}, closedPort));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void anInvalidNameGetsHostUnreachableWithoutAQuery() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(NO_AUTH, c.greet(NO_AUTH));
            assertEquals(0x04, c.connectDomain("no-such-host.invalid", 80));
        }
    }

    @Test
    void aConnectionThatNeverCompletesGetsTtlExpired() throws IOException {
        // A listener whose accept queue is full drops new SYNs, so connecting to it hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                while (true) {
                    Socket s = new Socket();
                    fillers.add(s);
                    try {
                        s.connect(full.getLocalSocketAddress(), 300);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    assertTrue(fillers.size() < 64, "the accept queue never filled");
                }
                try (Socks5Client c = Socks5Client.connect(socks)) {
                    assertEquals(NO_AUTH, c.greet(NO_AUTH));
                    assertEquals(0x06, c.connectAddress(new byte[] {127, 0, 0, 1}, full.getLocalPort()));
                }
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void anIncompleteHandshakeIsClosedAfterTheTimeout() throws IOException {
        // Started before the connection exists, so before the server's timer: the close cannot come sooner than the timeout.
        long start = System.nanoTime();
        try (Socks5Client c = Socks5Client.connect(quickSocks)) {
            c.send(5);
            assertTrue(c.closedByServer());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= QUICK_HANDSHAKE_TIMEOUT_MILLIS, "closed after " + millis + " ms, before the handshake timeout");
        }
    }

    @Test
    void theSuccessReplyNamesTheBoundAddress() throws IOException {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(NO_AUTH, c.greet(NO_AUTH));
            c.send(5, 1, 0, 1, 127, 0, 0, 1, (byte) (echo.port() >> 8), (byte) echo.port());
            byte[] reply = c.read(10);
            assertEquals(0, reply[1]);
            assertEquals(1, reply[3]);
            assertEquals(127, reply[4]);
            assertTrue(((reply[8] & 0xff) << 8 | (reply[9] & 0xff)) > 0);
        }
    }

    /**
     * Network and host unreachable need routes that fail, which only a network namespace of our own
     * can have without sending anything off this machine: the dispatcher and curl run inside one.
     */
    @Test
    void unreachableNetworksAndHostsGetTheirReplyCodes() throws Exception {
        Path curl = Peer.require("curl", "curl");
        Path unshare = Peer.require("unshare", "util-linux");
        Peer.require("ip", "iproute2");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        Path work = Files.createDirectories(dir.resolve("netns"));
        String script = String.join("\n",
                "set -e",
                "ip link set lo up",
                "ip route add unreachable 10.66.0.0/16",
                "mkfifo out",
                "\"$1\" -transport plain -proxylistenaddr 127.0.0.1:1080 > out &",
                "pid=$!",
                "exec 3< out",
                "while read -r line <&3; do [ \"$line\" = \"CMETHODS DONE\" ] && break; done",
                "set +e",
                "\"$2\" -sS --max-time 10 --socks5 127.0.0.1:1080 http://10.9.9.9/ 2>&1",
                "\"$2\" -sS --max-time 10 --socks5 127.0.0.1:1080 http://10.66.0.1/ 2>&1",
                "kill $pid; wait $pid");
        Process p = new ProcessBuilder(unshare.toString(), "-n", "sh", "-c", script, "sh", PtProcess.launcher().toString(), curl.toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor();
        // curl reports the SOCKS reply code in parentheses at the end of its message.
        assertTrue(output.contains("connection to 10.9.9.9. (3)"), output);
        assertTrue(output.contains("connection to 10.66.0.1. (4)"), output);
    }

}
