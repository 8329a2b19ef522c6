package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.ProxyPeer;
import org.ptdispatcher.cli.testing.PtProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -proxy} / {@code TOR_PT_PROXY}: every outgoing transport connection goes through the
 * upstream proxy. Real proxies from Debian carry it, and their logs show our server's address.
 */
class UpstreamProxyIT {
    @TempDir
    static Path dir;

    private static HttpTestServer http;
    private static PtProcess server;
    private static String serverAddress;
    private static Path curl;

    @BeforeAll
    static void start() throws Exception {
        curl = Peer.require("curl", "curl");
        http = HttpTestServer.start();
        server = PtProcess.ptdispatcher().directory(dir.resolve("server"))
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0", "-target", "127.0.0.1:" + http.port())
                .start();
        serverAddress = server.awaitSmethod("plain").address();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (http != null) {
            http.close();
        }
    }

    /** Fetches /hello through a client whose upstream proxy is {@code proxyUri}; returns curl's exit code. */
    private static int fetchThrough(String proxyUri) throws Exception {
        try (PtProcess client = PtProcess.ptdispatcher().directory(dir.resolve("client"))
                .args("-client", "-transport", "plain", "-proxy", proxyUri).start()) {
            assertEquals("PROXY DONE", client.awaitStdout(l -> l.startsWith("PROXY"), java.time.Duration.ofSeconds(20)));
            String socks = client.awaitCmethod("plain");
            Process p = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "20", "--socks5-hostname", socks, "http://" + serverAddress + "/hello").start();
            String body = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code == 0) {
                assertEquals("hello", body);
            }
            return code;
        }
    }

    /** dante logs destinations as host.port. */
    private static String danteForm(String address) {
        return address.replace(':', '.');
    }

    @Test
    void throughSocks5WithoutAuthentication() throws Exception {
        try (ProxyPeer dante = ProxyPeer.dante(dir.resolve("dante-open"), false)) {
            assertEquals(0, fetchThrough("socks5://127.0.0.1:" + dante.port()));
            assertTrue(dante.log().contains("-> " + danteForm(serverAddress)) || dante.log().contains(danteForm(serverAddress)), dante.log());
        }
    }

    @Test
    void throughSocks5WithUserAndPassword() throws Exception {
        assumeDanteUser();
        try (ProxyPeer dante = ProxyPeer.dante(dir.resolve("dante-auth"), true)) {
            assertEquals(0, fetchThrough("socks5://" + ProxyPeer.DANTE_USER + ":" + ProxyPeer.DANTE_PASSWORD + "@127.0.0.1:" + dante.port()));
            assertTrue(dante.log().contains(danteForm(serverAddress)), dante.log());
            // A wrong password: the proxy refuses, and so the application's CONNECT fails.
            assertEquals(97, fetchThrough("socks5://" + ProxyPeer.DANTE_USER + ":wrong@127.0.0.1:" + dante.port()));
            assertTrue(dante.log().contains("password authentication failed"), dante.log());
        }
    }

    @Test
    void throughSocks4a() throws Exception {
        try (ProxyPeer dante = ProxyPeer.dante(dir.resolve("dante-4a"), false)) {
            assertEquals(0, fetchThrough("socks4a://127.0.0.1:" + dante.port()));
            assertTrue(dante.log().contains(danteForm(serverAddress)), dante.log());
        }
    }

    @Test
    void throughHttpConnect() throws Exception {
        try (ProxyPeer tinyproxy = ProxyPeer.tinyproxy(dir.resolve("tinyproxy-open"), null, null)) {
            assertEquals(0, fetchThrough("http://127.0.0.1:" + tinyproxy.port()));
            assertTrue(tinyproxy.log().contains("CONNECT " + serverAddress), tinyproxy.log());
        }
    }

    @Test
    void throughHttpConnectWithBasicAuth() throws Exception {
        try (ProxyPeer tinyproxy = ProxyPeer.tinyproxy(dir.resolve("tinyproxy-auth"), "ptd", "basic-secret")) {
            assertEquals(0, fetchThrough("http://ptd:basic-secret@127.0.0.1:" + tinyproxy.port()));
            assertTrue(tinyproxy.log().contains("CONNECT " + serverAddress), tinyproxy.log());
            assertEquals(97, fetchThrough("http://ptd:wrong@127.0.0.1:" + tinyproxy.port()));
        }
    }

    private static void assumeDanteUser() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", ProxyPeer.DANTE_USER).start();
        boolean exists = id.waitFor() == 0;
        if (!exists && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("system user " + ProxyPeer.DANTE_USER + " is missing: .ci/run creates it");
        }
        Assumptions.assumeTrue(exists, "system user " + ProxyPeer.DANTE_USER + " (for dante's password check) is missing; .ci/run creates it");
    }
}
