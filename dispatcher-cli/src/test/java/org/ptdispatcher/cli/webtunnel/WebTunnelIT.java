package org.ptdispatcher.cli.webtunnel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Nginx;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.cli.testing.TestCa;
import org.ptdispatcher.cli.testing.Traffic;
import org.ptdispatcher.engine.tls.CertificateChainHash;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * Our webtunnel client and server through a real nginx with a test CA: echoes with half-close,
 * a download, how the client judges the server's certificate (CA and name, the name apart from
 * SNI, a pinned chain), the servername list moving past a name that fails, the one warning for
 * utls; and what our server answers a prober that talks to it directly.
 */
class WebTunnelIT {
    @TempDir
    static Path dir;

    private static TestCa ca;
    private static EchoServer echo;
    private static HttpTestServer http;
    private static WebTunnelEndpoints.Server echoServer;
    private static WebTunnelEndpoints.Server httpServer;
    private static Nginx echoFront;
    private static Nginx httpFront;
    private static int echoFrontPort;
    private static int httpFrontPort;
    private static WebTunnelEndpoints.Client client;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create(dir.resolve("ca"), WebTunnelEndpoints.certificateNames());
        echo = EchoServer.start();
        http = HttpTestServer.start();
        String url = "https://" + WebTunnelEndpoints.HOST + "/" + WebTunnelEndpoints.PATH;
        echoServer = WebTunnelEndpoints.ourServer(Nginx.freePort(), echo.port(), url);
        Path page = Files.writeString(dir.resolve("page.html"), "<html><body>A page like any other.</body></html>");
        httpServer = WebTunnelEndpoints.ourServer(Nginx.freePort(), http.port(), url, ",\"page\":\"" + page + "\"");
        echoFrontPort = Nginx.freePort();
        echoFront = WebTunnelEndpoints.nginx(dir.resolve("nginx-echo"), List.of(), "127.0.0.1:" + echoFrontPort, ca, echoServer.port());
        httpFrontPort = Nginx.freePort();
        httpFront = WebTunnelEndpoints.nginx(dir.resolve("nginx-http"), List.of(), "127.0.0.1:" + httpFrontPort, ca, httpServer.port());
        client = WebTunnelEndpoints.ourClient(ca);
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(client, echoFront, httpFront, echoServer, httpServer, echo, http);
    }

    private static String url(int frontPort, String host) {
        return "url=https://" + host + ":" + frontPort + "/" + WebTunnelEndpoints.PATH + ";addr=127.0.0.1:" + frontPort;
    }

    /** A tunnel through {@code socks} with {@code args}, or the SOCKS reply that refused it. */
    private static Socket tunnel(String socks, String args) throws java.io.IOException {
        Socks5Client s = Socks5Client.connect(socks);
        assertEquals(0x02, s.greet(0x02));
        assertEquals(0, s.userPassword(args, "\0"));
        int reply = s.connectAddress(new byte[] {(byte) 198, 18, 0, 1}, 443);
        if (reply != 0) {
            s.close();
            throw new AssertionError("SOCKS reply " + reply);
        }
        s.socket().setSoTimeout(60_000);
        return s.socket();
    }

    private static Optional<String> download(WebTunnelEndpoints.Client through, String args, long seed) throws Exception {
        return WebTunnelEndpoints.download(through.socksAddress(), args, "127.0.0.1:" + http.port(), 1024 * 1024, seed);
    }

    /**
     * Without half-close: nginx ends an upgraded connection at the first end of input from either
     * side (ngx_http_upstream_process_upgraded), so behind it an application's half-close ends the
     * tunnel, with the reference's server as with ours.
     */
    @Test
    void sixteenConcurrentEchoesArriveIntact() throws Exception {
        String args = url(echoFrontPort, WebTunnelEndpoints.HOST);
        Traffic.assertConcurrentEchoesWithoutHalfClose(16, index -> tunnel(client.socksAddress(), args));
    }

    @Test
    void aDownloadArrivesIntactAndNginxSawOurUpgrade() throws Exception {
        assertEquals(Optional.empty(), download(client, url(httpFrontPort, WebTunnelEndpoints.HOST), 11));
        httpFront.awaitAccessLog("bridge.test \"GET /" + WebTunnelEndpoints.PATH + " HTTP/1.1\" 101", Duration.ofSeconds(30));
    }

    @Test
    void aServerWhoseCertificateDoesNotNameTheHostIsRefused() throws Exception {
        Optional<String> problem = download(client, url(httpFrontPort, "other.test"), 12);
        assertTrue(problem.isPresent() && problem.get().contains("curl exited 97"), String.valueOf(problem));
    }

    @Test
    void sniImitationSendsItsNameAndStillChecksTheUrlsHost() throws Exception {
        assertEquals(Optional.empty(), download(client, url(httpFrontPort, WebTunnelEndpoints.HOST) + ";sni-imitation=cdn.imitated.test", 13));
        httpFront.awaitAccessLog("cdn.imitated.test \"GET /", Duration.ofSeconds(30));
    }

    @Test
    void aPinnedChainIsAcceptedWithoutTheCaAndWithoutTheName() throws Exception {
        String pin = Base64.getEncoder().encodeToString(CertificateChainHash.of(List.of(ca.serverCertificateParsed().getEncoded())));
        PtProcess withoutCa = PtProcess.ptdispatcher().args("-client", "-transports", "webtunnel").start();
        try (WebTunnelEndpoints.Client c = new WebTunnelEndpoints.Client("a client without the CA", withoutCa, withoutCa.awaitCmethod("webtunnel"))) {
            assertTrue(download(c, url(httpFrontPort, WebTunnelEndpoints.HOST), 14).isPresent(), "the CA is not trusted here");
            assertEquals(Optional.empty(), download(c, url(httpFrontPort, "unnamed.test") + ";cert=" + pin, 15));
            String otherPin = Base64.getEncoder().encodeToString(new byte[32]);
            assertTrue(download(c, url(httpFrontPort, WebTunnelEndpoints.HOST) + ";cert=" + otherPin, 16).isPresent(), "another pin");
        }
    }

    @Test
    void aServernameListMovesPastANameTheCertificateDoesNotCarry() throws Exception {
        String args = url(httpFrontPort, WebTunnelEndpoints.HOST) + ";servername=wrong.test," + WebTunnelEndpoints.HOST;
        // Whichever name the list starts with, at most the first connection fails.
        download(client, args, 17);
        assertEquals(Optional.empty(), download(client, args, 18));
    }

    @Test
    void utlsIsAcceptedWithOneWarningLine() throws Exception {
        PtProcess warned = PtProcess.ptdispatcher().args("-client", "-transports", "webtunnel", "-ipcLogLevel", "WARN", "-exit-on-stdin-close",
                "-options", "{\"url\":\"https://bridge.test/" + WebTunnelEndpoints.PATH + "\",\"utls\":\"hellochrome_auto\"}")
                .env("SSL_CERT_FILE", ca.caFile().toString()).start();
        try (warned) {
            String socks = warned.awaitCmethod("webtunnel");
            WebTunnelEndpoints.Client c = new WebTunnelEndpoints.Client("warned", warned, socks);
            assertEquals(Optional.empty(), download(c, url(httpFrontPort, WebTunnelEndpoints.HOST) + ";utls=hellorandomizednoalpn", 19));
            warned.closeStdin();
            warned.awaitExit(Duration.ofSeconds(10));
            List<String> warnings = warned.allStdout().stream().filter(l -> l.startsWith("LOG WARN")).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("utls=hellochrome_auto is ignored"), warnings.get(0));
        }
    }

    @Test
    void aProberTalkingToOurServerDirectlyGetsTheDecoyPageOnEveryOtherRequest() throws Exception {
        String base = "http://127.0.0.1:" + echoServer.port();
        String notFound = Traffic.run("curl", "-sS", "-i", base + "/");
        assertTrue(notFound.startsWith("HTTP/1.1 404 Not Found") && notFound.contains("<center>nginx</center>"), notFound);
        String secretWithoutUpgrade = Traffic.run("curl", "-sS", "-i", base + "/" + WebTunnelEndpoints.PATH);
        assertTrue(secretWithoutUpgrade.startsWith("HTTP/1.1 404 Not Found"), secretWithoutUpgrade);
        String page = Traffic.run("curl", "-sS", "-i", "http://127.0.0.1:" + httpServer.port() + "/index.html");
        assertTrue(page.startsWith("HTTP/1.1 200 OK") && page.endsWith("A page like any other.</body></html>"), page);
    }
}
