package org.ptdispatcher.cli.shadow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptdispatcher.cli.shadow.ShadowFixtures.PASSWORD;
import static org.ptdispatcher.cli.shadow.ShadowFixtures.json;

/**
 * Our shadow client against our shadow server, in each addressing model and mode, and the
 * start-up and per-connection checks of the options.
 */
class ShadowPairIT {
    private static final String CIPHER = "aes-256-gcm";

    @TempDir
    static Path state;

    private static HttpTestServer http;
    private static EchoServer echo;

    @BeforeAll
    static void startTargets() throws Exception {
        http = HttpTestServer.start();
        echo = EchoServer.start();
    }

    @AfterAll
    static void stopTargets() {
        Closeables.closeAll(http, echo);
    }

    private static String httpAddress() {
        return "127.0.0.1:" + http.port();
    }

    private static PtProcess server(String name, Optional<String> target, String options) throws IOException {
        PtProcess.Builder b = PtProcess.ptdispatcher().args("-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", "0",
                "-state", state.resolve(name).toString(), "-exit-on-stdin-close", "-options", options);
        target.ifPresent(t -> b.args("-target", t));
        return b.start();
    }

    private static PtProcess client(String name, String... args) throws IOException {
        return PtProcess.ptdispatcher().args("-client", "-transport", "shadow", "-exit-on-stdin-close", "-state", state.resolve(name).toString()).args(args).start();
    }

    /** Bridge model: the SOCKS CONNECT names the PT server, which forwards to its -target. */
    @Test
    void bridgeModel() throws Exception {
        try (PtProcess server = server("bridge-server", Optional.of(httpAddress()), json(CIPHER))) {
            String serverAddress = server.awaitSmethod("shadow").address();
            try (PtProcess client = client("bridge-client", "-options", json(CIPHER))) {
                String socks = client.awaitCmethod("shadow");
                assertEquals("hello", ShadowFixtures.curlHello(socks, serverAddress));
                ShadowFixtures.curlBig(socks, serverAddress, 21);
            }
        }
    }

    /** Bridge model as Tor drives it: no client options, cipher and password per connection in RFC 1929 args. */
    @Test
    void bridgeModelWithTorStyleSocksArgs() throws Exception {
        try (PtProcess server = server("tor-server", Optional.of(httpAddress()), json("chacha20-ietf-poly1305"));
             PtProcess client = client("tor-client")) {
            var smethod = server.awaitSmethod("shadow");
            assertEquals("chacha20-ietf-poly1305", smethod.args().get("cipherName"));
            String socks = client.awaitCmethod("shadow");
            String serverAddress = smethod.address();
            int colon = serverAddress.lastIndexOf(':');
            try (Socks5Client s = Socks5Client.connect(socks)) {
                assertEquals(2, s.greet(2));
                assertEquals(0, s.userPassword("cipherName=" + smethod.args().get("cipherName") + ";password=" + PASSWORD.replace(";", "\\;"), "\0"));
                assertEquals(0, s.connectDomain(serverAddress.substring(0, colon), Integer.parseInt(serverAddress.substring(colon + 1))));
                s.send("GET /hello HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = new String(s.socket().getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("hello"), response);
            }
        }
    }

    /** Proxy model: the client's serverAddress names the server; the destination travels in the stream; the server has no target. */
    @Test
    void proxyModel() throws Exception {
        try (PtProcess server = server("proxy-server", Optional.empty(), json("AEAD_AES_128_GCM"))) {
            String serverAddress = server.awaitSmethod("shadow").address();
            try (PtProcess client = client("proxy-client", "-options", json("aes-128-gcm", "serverAddress", serverAddress))) {
                String socks = client.awaitCmethod("shadow");
                assertEquals("hello", ShadowFixtures.curlHello(socks, httpAddress()));
                ShadowFixtures.curlBig(socks, httpAddress(), 22);
                ShadowFixtures.concurrentEchoes(socks, "127.0.0.1", echo.port(), 100);
                halfCloseEcho(socks);
            }
        }
    }

    /** Transparent TCP: every connection to the client goes to -target (the PT server), which forwards to its own target. */
    @Test
    void transparentTcp() throws Exception {
        try (PtProcess server = server("transparent-server", Optional.of(httpAddress()), json(CIPHER))) {
            String serverAddress = server.awaitSmethod("shadow").address();
            try (PtProcess client = client("transparent-client", "-mode", "transparent-TCP", "-target", serverAddress,
                    "-proxylistenaddr", "127.0.0.1:0", "-options", json(CIPHER))) {
                String listen = client.awaitCmethod("shadow");
                assertEquals("hello", ShadowFixtures.run(ShadowFixtures.curlPath(), "-sS", "--max-time", "20", "http://" + listen + "/hello"));
                ShadowFixtures.curlBig(List.of(), listen, 23);
            }
        }
    }

    /** Transparent TCP with serverAddress: a fixed tunnel to -target through a server without a target (ss-tunnel's shape). */
    @Test
    void transparentTcpThroughAProxyModelServer() throws Exception {
        try (PtProcess server = server("tunnel-server", Optional.empty(), json(CIPHER))) {
            String serverAddress = server.awaitSmethod("shadow").address();
            try (PtProcess client = client("tunnel-client", "-mode", "transparent-TCP", "-target", httpAddress(),
                    "-proxylistenaddr", "127.0.0.1:0", "-options", json(CIPHER, "serverAddress", serverAddress))) {
                String listen = client.awaitCmethod("shadow");
                assertEquals("hello", ShadowFixtures.run(ShadowFixtures.curlPath(), "-sS", "--max-time", "20", "http://" + listen + "/hello"));
            }
        }
    }

    /** Our pair carries half-close: the echo's reply still arrives after the client ended its side. */
    private static void halfCloseEcho(String socks) throws IOException {
        byte[] payload = new byte[100_000];
        new SplittableRandom(5).nextBytes(payload);
        try (Socks5Client s = Socks5Client.connect(socks)) {
            assertEquals(0, s.greet(0));
            assertEquals(0, s.connectAddress(InetAddress.getLoopbackAddress().getAddress(), echo.port()));
            Socket socket = s.socket();
            OutputStream out = socket.getOutputStream();
            out.write(payload);
            out.flush();
            socket.shutdownOutput();
            assertArrayEquals(payload, socket.getInputStream().readAllBytes());
        }
    }

    @Test
    void perConnectionOptionsAreCheckedWithReply0x13() throws Exception {
        try (PtProcess client = client("args-client")) {
            String socks = client.awaitCmethod("shadow");
            // A 0x09 JSON block naming an unknown cipher.
            try (Socks5Client s = Socks5Client.connect(socks)) {
                assertEquals(9, s.greet(9));
                s.parameterBlock(("{\"password\":\"x\",\"cipherName\":\"rc4-md5\"}").getBytes(StandardCharsets.UTF_8));
                assertEquals(0x13, s.readReply());
            }
            // A JSON block without a password.
            try (Socks5Client s = Socks5Client.connect(socks)) {
                assertEquals(9, s.greet(9));
                s.parameterBlock("{\"cipherName\":\"aes-256-gcm\"}".getBytes(StandardCharsets.UTF_8));
                assertEquals(0x13, s.readReply());
            }
            // No args at all: the client has no password to use.
            try (Socks5Client s = Socks5Client.connect(socks)) {
                assertEquals(0, s.greet(0));
                assertEquals(0x13, s.connectAddress(new byte[] {127, 0, 0, 1}, http.port()));
            }
        }
    }

    @Test
    void startUpErrorsNameTheOptionAndHideThePassword() throws Exception {
        assertStartUpLine(server("bad-cipher", Optional.of(httpAddress()), "{\"password\":\"s3cret\",\"cipherName\":\"rc4-md5\"}"),
                "SMETHOD-ERROR shadow option \"cipherName\": unknown cipher \"rc4-md5\"; use one of aes-128-gcm, aes-256-gcm, chacha20-ietf-poly1305, "
                        + "2022-blake3-aes-128-gcm, 2022-blake3-aes-256-gcm, 2022-blake3-chacha20-poly1305");
        assertStartUpLine(server("missing-password", Optional.of(httpAddress()), "{\"cipherName\":\"aes-256-gcm\"}"),
                "SMETHOD-ERROR shadow missing option \"password\"");
        assertStartUpLine(client("client-bad-cipher", "-options", "{\"password\":\"s3cret\",\"cipherName\":\"aes-192-gcm\"}"),
                "CMETHOD-ERROR shadow option \"cipherName\": unknown cipher \"aes-192-gcm\"; use one of aes-128-gcm, aes-256-gcm, chacha20-ietf-poly1305, "
                        + "2022-blake3-aes-128-gcm, 2022-blake3-aes-256-gcm, 2022-blake3-chacha20-poly1305");
        assertStartUpLine(client("client-bad-server", "-options", "{\"password\":\"s3cret\",\"serverAddress\":\"nowhere\"}"),
                "CMETHOD-ERROR shadow option \"serverAddress\": \"nowhere\" has no port (write host:port)");
        assertStartUpLine(client("transparent-no-password", "-mode", "transparent-TCP", "-target", "127.0.0.1:9", "-proxylistenaddr", "127.0.0.1:0"),
                "CMETHOD-ERROR shadow missing option \"password\"");
    }

    private static void assertStartUpLine(PtProcess process, String expected) throws Exception {
        try (process) {
            process.closeStdin();
            Optional<Integer> exit = process.awaitExit(Duration.ofSeconds(20));
            List<String> stderr = process.allStderr();
            List<String> stdout = process.allStdout();
            assertTrue(stderr.contains(expected), "stderr " + stderr + " should contain " + expected + "; stdout " + stdout);
            assertFalse(String.join("\n", stderr).contains("s3cret"));
            assertFalse(String.join("\n", stdout).contains("s3cret"));
            assertTrue(exit.isPresent());
        }
    }

    @Test
    void plainServerWithoutTargetIsStillAnEnvError() throws Exception {
        try (PtProcess server = PtProcess.ptdispatcher().args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                "-state", state.resolve("plain-no-target").toString()).start()) {
            assertEquals(Optional.of(64), server.awaitExit(Duration.ofSeconds(20)));
            assertEquals(List.of("ENV-ERROR no target: a server needs -target (or -orport, TOR_PT_ORPORT, or -targethost with -targetport)"),
                    server.allStderr());
        }
    }

    @Test
    void withoutTargetOnlyTransportsCarryingTheDestinationStart() throws Exception {
        try (PtProcess server = PtProcess.ptdispatcher().args("-server", "-transports", "plain,shadow",
                "-bindaddr", "plain-127.0.0.1:0,shadow-127.0.0.1:0", "-options", "{\"shadow\":" + json(CIPHER) + "}",
                "-exit-on-stdin-close", "-state", state.resolve("mixed").toString()).start()) {
            server.awaitSmethod("shadow");
            server.closeStdin();
            server.awaitExit(Duration.ofSeconds(20));
            assertTrue(server.allStderr().contains("SMETHOD-ERROR plain no target: a server needs -target (or -orport, TOR_PT_ORPORT, or -targethost with -targetport)"),
                    server.allStderr().toString());
        }
    }
}
