package org.ptdispatcher.cli.shadow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shadowsocks 2022 (SIP022) over TCP through real {@code ptdispatcher} processes: our client
 * against our server for each method (SOCKS 5, proxy model); our client's request as recorded on
 * the wire, opened and checked field by field by {@link Ss2022Wire} (independent code), which then
 * answers as a 2022 server and is understood; and bad requests against our server (another key, a
 * replayed request, a stale timestamp), which get no byte back, an orderly end rather than a
 * reset, and are never forwarded. No other 2022 implementation can be installed here.
 */
class Shadow2022IT {
    private static final String METHOD = "2022-blake3-aes-256-gcm";
    private static final byte[] PSK = new byte[32];
    private static final byte[] PSK16 = new byte[16];

    static {
        for (int i = 0; i < 32; i++) {
            PSK[i] = (byte) (0xA0 + i);
        }
        System.arraycopy(PSK, 0, PSK16, 0, 16);
    }

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

    private static String json(String method, byte[] psk, String... extra) {
        StringBuilder s = new StringBuilder("{\"password\":\"" + Base64.getEncoder().encodeToString(psk) + "\",\"cipherName\":\"" + method + "\"");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            s.append(",\"").append(extra[i]).append("\":\"").append(extra[i + 1]).append('"');
        }
        return s.append('}').toString();
    }

    private static PtProcess server(String name, String options) throws IOException {
        return PtProcess.ptdispatcher().args("-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", "0", "-ipcLogLevel", "DEBUG",
                "-state", state.resolve(name).toString(), "-exit-on-stdin-close", "-options", options).start();
    }

    private static PtProcess serverWithTarget(String name, String target, String options) throws IOException {
        return PtProcess.ptdispatcher().args("-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", "0",
                "-state", state.resolve(name).toString(), "-exit-on-stdin-close", "-target", target, "-options", options).start();
    }

    private static PtProcess client(String name, String options) throws IOException {
        return PtProcess.ptdispatcher().args("-client", "-transport", "shadow", "-exit-on-stdin-close",
                "-state", state.resolve(name).toString(), "-options", options).start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-blake3-aes-128-gcm", "2022-blake3-aes-256-gcm", "2022-blake3-chacha20-poly1305"})
    void ourClientThroughOurServer(String method) throws Exception {
        byte[] psk = method.contains("128") ? PSK16 : PSK;
        try (PtProcess server = server("pair-server-" + method, json(method, psk))) {
            String serverAddress = server.awaitSmethod("shadow").address();
            try (PtProcess client = client("pair-client-" + method, json(method, psk, "serverAddress", serverAddress))) {
                String socks = client.awaitCmethod("shadow");
                assertEquals("hello", ShadowFixtures.curlHello(socks, "127.0.0.1:" + http.port()));
                ShadowFixtures.concurrentEchoes(socks, "127.0.0.1", echo.port(), 8);
                if (method.equals(METHOD)) {
                    // 64 MiB: many chunks of the 2022 size, both ways of the codec's windows.
                    ShadowFixtures.curlBig(socks, "127.0.0.1:" + http.port(), 2022);
                }
            }
        }
    }

    /**
     * Bridge model as Tor drives it: the server announces the 2022 cipher, the client has no
     * options, and cipher and key (base64, with its '=' and maybe '+' or '/') come per connection
     * in RFC 1929 args; the server forwards to its -target.
     */
    @Test
    void bridgeModelWithTorStyleSocksArgs() throws Exception {
        try (PtProcess server = serverWithTarget("bridge-server", "127.0.0.1:" + http.port(), json(METHOD, PSK));
             PtProcess client = PtProcess.ptdispatcher().args("-client", "-transport", "shadow", "-exit-on-stdin-close",
                     "-state", state.resolve("bridge-client").toString()).start()) {
            var smethod = server.awaitSmethod("shadow");
            assertEquals(METHOD, smethod.args().get("cipherName"));
            String socks = client.awaitCmethod("shadow");
            String serverAddress = smethod.address();
            int colon = serverAddress.lastIndexOf(':');
            try (Socks5Client s = Socks5Client.connect(socks)) {
                assertEquals(2, s.greet(2));
                assertEquals(0, s.userPassword("cipherName=" + METHOD + ";password=" + Base64.getEncoder().encodeToString(PSK), "\0"));
                assertEquals(0, s.connectDomain(serverAddress.substring(0, colon), Integer.parseInt(serverAddress.substring(colon + 1))));
                s.send("GET /hello HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = new String(s.socket().getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("hello"), response);
            }
        }
    }

    /** Transparent TCP: every connection to the client goes to -target (the PT server), which forwards to its own target. */
    @Test
    void transparentTcp() throws Exception {
        String options = json("2022-blake3-chacha20-poly1305", PSK);
        try (PtProcess server = serverWithTarget("transparent-server", "127.0.0.1:" + http.port(), options)) {
            String serverAddress = server.awaitSmethod("shadow").address();
            try (PtProcess client = PtProcess.ptdispatcher().args("-client", "-transport", "shadow", "-exit-on-stdin-close",
                    "-state", state.resolve("transparent-client").toString(), "-mode", "transparent-TCP", "-target", serverAddress,
                    "-proxylistenaddr", "127.0.0.1:0", "-options", options).start()) {
                String listen = client.awaitCmethod("shadow");
                assertEquals("hello", ShadowFixtures.run(ShadowFixtures.curlPath(), "-sS", "--max-time", "20", "http://" + listen + "/hello"));
            }
        }
    }

    /** A key of the wrong length given per connection (a 0x09 JSON block) is refused with SOCKS reply 0x13, before anything is dialled. */
    @Test
    void aPerConnectionKeyOfTheWrongLengthGetsReply0x13() throws Exception {
        try (PtProcess client = PtProcess.ptdispatcher().args("-client", "-transport", "shadow", "-exit-on-stdin-close",
                "-state", state.resolve("args-client").toString()).start()) {
            String socks = client.awaitCmethod("shadow");
            try (Socks5Client s = Socks5Client.connect(socks)) {
                assertEquals(9, s.greet(9));
                s.parameterBlock(json(METHOD, PSK16).getBytes(StandardCharsets.UTF_8));
                assertEquals(0x13, s.readReply());
            }
        }
    }

    @Test
    void aKeyOfTheWrongLengthIsAnOptionErrorThatDoesNotRepeatIt() throws Exception {
        try (PtProcess server = server("short-key", json(METHOD, PSK16))) {
            server.closeStdin();
            assertTrue(server.awaitExit(Duration.ofSeconds(20)).isPresent());
            String expected = "SMETHOD-ERROR shadow option \"password\": 2022-blake3-aes-256-gcm needs a key of 32 bytes in base64 "
                    + "(openssl rand -base64 32); this one is 16 bytes";
            assertTrue(server.allStderr().contains(expected), server.allStderr().toString());
            String all = String.join("\n", server.allStderr()) + String.join("\n", server.allStdout());
            assertTrue(!all.contains(Base64.getEncoder().encodeToString(PSK16)), "the key was repeated: " + all);
        }
    }

    /**
     * Our client's request as it leaves: a raw listener in the server's place records it and opens
     * it with independent code. The SOCKS client sends nothing at first, so the request carries
     * padding; then it answers as a 2022 server would, and our client must deliver the answer.
     */
    @Test
    void clientRequestFieldByFieldAndAnIndependentResponse() throws Exception {
        Ss2022Wire wire = new Ss2022Wire(METHOD, PSK);
        try (ServerSocket fakeServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             PtProcess client = client("recorded-client", json(METHOD, PSK, "serverAddress", "127.0.0.1:" + fakeServer.getLocalPort()))) {
            fakeServer.setSoTimeout(30_000);
            String socks = client.awaitCmethod("shadow");
            try (Socks5Client app = Socks5Client.connect(socks)) {
                assertEquals(0, app.greet(0));
                app.send(5, 1, 0, 1, 10, 1, 2, 3, 0x1F, 0x90);   // CONNECT 10.1.2.3:8080; the fake server does not go there
                try (Socket recorded = fakeServer.accept()) {
                    recorded.setSoTimeout(30_000);
                    assertEquals(0, app.readReply());
                    InputStream in = recorded.getInputStream();
                    byte[] salt = new DataInputStream(in).readNBytes(32);
                    assertEquals(32, salt.length);
                    Ss2022Wire.Direction request = wire.new Direction(salt);
                    byte[] fixed = request.read(in, 11);
                    long now = Ss2022Wire.now();
                    assertEquals(0, fixed[0], "type: client stream");
                    long timestamp = java.nio.ByteBuffer.wrap(fixed, 1, 8).getLong();
                    assertTrue(Math.abs(now - timestamp) <= 5, "timestamp " + timestamp + " against our clock's " + now);
                    int variableLength = ((fixed[9] & 0xff) << 8) | (fixed[10] & 0xff);
                    byte[] variable = request.read(in, variableLength);
                    assertArrayEquals(new byte[] {1, 10, 1, 2, 3, 0x1F, (byte) 0x90}, Arrays.copyOf(variable, 7), "the SOCKS address");
                    int padding = ((variable[7] & 0xff) << 8) | (variable[8] & 0xff);
                    assertTrue(padding >= 1 && padding <= 900, "padding of " + padding + " bytes when there is no payload");
                    assertEquals(7 + 2 + padding, variableLength, "nothing after the padding: the application had said nothing");

                    // The answer, sealed by the independent code; then one more chunk from the application.
                    byte[] responseSalt = wire.newSalt();
                    Ss2022Wire.Direction response = wire.new Direction(responseSalt);
                    byte[] payload = "welcome".getBytes(StandardCharsets.US_ASCII);
                    recorded.getOutputStream().write(Ss2022Wire.concat(responseSalt,
                            response.seal(Ss2022Wire.concat(new byte[] {1}, Ss2022Wire.u64(Ss2022Wire.now()), salt, Ss2022Wire.u16(payload.length))),
                            response.seal(payload)));
                    assertArrayEquals(payload, app.read(payload.length));
                    app.send("ping".getBytes(StandardCharsets.US_ASCII));
                    byte[] length = request.read(in, 2);
                    assertEquals(4, ((length[0] & 0xff) << 8) | (length[1] & 0xff));
                    assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), request.read(in, 4));
                }
            }
        }
    }

    /** A target that counts the connections it is given and holds them open. */
    private static final class CountingTarget implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger accepted = new AtomicInteger();
        private final Thread thread = new Thread(this::run, "counting-target");

        CountingTarget() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (true) {
                    Socket s = socket.accept();
                    accepted.incrementAndGet();
                    s.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        byte[] address() {
            int port = socket.getLocalPort();
            return new byte[] {1, 127, 0, 0, 1, (byte) (port >>> 8), (byte) port};
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Sends {@code stream} and returns all the server sent back before its end of stream. */
    private static byte[] sendAndReadAll(InetSocketAddress server, byte[] stream) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(stream);
            // A reset here would throw: the server must end with a FIN, however much it has read.
            return s.getInputStream().readAllBytes();
        }
    }

    @Test
    void badRequestsGetNoAnswerAnOrderlyCloseAndAreNotForwarded() throws Exception {
        Ss2022Wire wire = new Ss2022Wire(METHOD, PSK);
        Ss2022Wire otherKey = new Ss2022Wire(METHOD, Ss2022Wire.concat(PSK16, PSK16));
        try (CountingTarget target = new CountingTarget();
             PtProcess server = server("probed", json(METHOD, PSK, "handshakeTimeout", "2"))) {
            String address = server.awaitSmethod("shadow").address();
            InetSocketAddress serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
            byte[] hello = "hi".getBytes(StandardCharsets.US_ASCII);

            byte[] good = wire.request(wire.newSalt(), Ss2022Wire.now(), target.address(), hello);
            byte[] answer = sendAndReadAllUntilTargetCloses(serverAddress, good, target);
            assertTrue(answer.length > 32, "a good request is answered");

            assertEquals(0, sendAndReadAll(serverAddress, otherKey.request(otherKey.newSalt(), Ss2022Wire.now(), target.address(), hello)).length,
                    "another key: no answer");
            assertEquals(0, sendAndReadAll(serverAddress, wire.request(wire.newSalt(), Ss2022Wire.now() - 60, target.address(), hello)).length,
                    "a timestamp a minute old: no answer");
            assertEquals(0, sendAndReadAll(serverAddress, wire.request(wire.newSalt(), Ss2022Wire.now() + 60, target.address(), hello)).length,
                    "a timestamp a minute ahead: no answer");
            assertEquals(0, sendAndReadAll(serverAddress, good).length, "the good request played again: no answer");
            assertEquals(0, sendAndReadAll(serverAddress, Arrays.copyOf(good, 40)).length, "a request cut inside its fixed header: no answer");
            assertEquals(1, target.accepted.get(), "only the good request reached the target");
        }
    }

    /**
     * The good request: reads the response's salt and header from the server (it forwards, the
     * target says "ok"), then closes.
     */
    private static byte[] sendAndReadAllUntilTargetCloses(InetSocketAddress server, byte[] stream, CountingTarget target) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(stream);
            // salt (32) + sealed fixed header (1 + 8 + 32 + 2 + 16) + sealed "ok" (2 + 16)
            return new DataInputStream(s.getInputStream()).readNBytes(32 + 59 + 18);
        }
    }
}
