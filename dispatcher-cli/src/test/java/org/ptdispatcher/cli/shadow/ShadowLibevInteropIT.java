package org.ptdispatcher.cli.shadow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.PtProcess;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ptdispatcher.cli.shadow.ShadowFixtures.PASSWORD;
import static org.ptdispatcher.cli.shadow.ShadowFixtures.json;

/**
 * Byte-for-byte interoperability with shadowsocks-libev, for each cipher, both ways, on loopback:
 * <ul>
 *   <li>curl --socks5-hostname -> our shadow client (proxy model) -> ss-server -> HTTP server;</li>
 *   <li>curl --socks5-hostname -> ss-local -> our shadow server (no target) -> HTTP server.</li>
 * </ul>
 * Each pairing carries /hello, 64 MiB checked by SHA-256, and 100 concurrent echo connections.
 */
class ShadowLibevInteropIT {
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

    @ParameterizedTest
    @ValueSource(strings = {"aes-128-gcm", "AES-256-GCM", "AEAD_CHACHA20_POLY1305"})
    void ourClientThroughSsServer(String cipherName) throws Exception {
        String ssCipher = ssName(cipherName);
        int ssPort = ShadowFixtures.freePort();
        PtProcess ssServer = ShadowFixtures.ssServer(ssPort, ssCipher);
        PtProcess client = null;
        try {
            client = PtProcess.ptdispatcher()
                    .args("-client", "-transport", "shadow", "-state", state.resolve("client-" + ssCipher).toString(),
                            "-options", json(cipherName, "serverAddress", "127.0.0.1:" + ssPort))
                    .start();
            String socks = client.awaitCmethod("shadow");
            assertEquals("hello", ShadowFixtures.curlHello(socks, httpAddress()));
            ShadowFixtures.curlBig(socks, httpAddress(), 11);
            // The same port as an HTTP proxy: a forwarded request and a CONNECT tunnel, through ss-server.
            ShadowFixtures.curlBig(List.of("--proxy", "http://" + socks), httpAddress(), 13);
            ShadowFixtures.curlBig(List.of("--proxy", "http://" + socks, "--proxytunnel"), httpAddress(), 14);
            ShadowFixtures.concurrentEchoes(socks, "127.0.0.1", echo.port(), 100);
        } finally {
            Closeables.closeAll(client);
            stop(ssServer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes-128-gcm", "aes-256-gcm", "chacha20-ietf-poly1305"})
    void ssLocalThroughOurServer(String cipher) throws Exception {
        PtProcess server = PtProcess.ptdispatcher()
                .args("-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-state", state.resolve("server-" + cipher).toString(), "-options", json(cipher))
                .start();
        PtProcess ssLocal = null;
        try {
            String address = server.awaitSmethod("shadow").address();
            int serverPort = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            int socksPort = ShadowFixtures.freePort();
            ssLocal = ShadowFixtures.ssLocal(serverPort, socksPort, cipher);
            String socks = "127.0.0.1:" + socksPort;
            assertEquals("hello", ShadowFixtures.curlHello(socks, httpAddress()));
            ShadowFixtures.curlBig(socks, httpAddress(), 12);
            ShadowFixtures.concurrentEchoes(socks, "127.0.0.1", echo.port(), 100);
        } finally {
            stop(ssLocal);
            Closeables.closeAll(server);
        }
    }

    private static String ssName(String cipherName) {
        String n = cipherName.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        n = n.startsWith("aead-") ? n.substring(5) : n;
        return n.equals("chacha20-poly1305") ? "chacha20-ietf-poly1305" : n;
    }

    static void stop(PtProcess peer) throws InterruptedException {
        if (peer != null) {
            peer.process().destroy();
            if (!peer.process().waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                peer.process().destroyForcibly();
            }
        }
    }

    static {
        // The password has a space and an @: both must survive JSON options and ss's -k.
        assert PASSWORD.contains(" ");
    }
}
