package org.ptdispatcher.cli.webtunnel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.NetworkNamespace;
import org.ptdispatcher.cli.testing.Nginx;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.TestCa;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * webtunnel against its reference, webtunnel 0.0.7, and lyrebird 0.8.1's client (what Tor Browser
 * ships), each server behind a real nginx with a test CA's certificate: curl downloads 8 MiB
 * through each pairing and checks its SHA-256. The reference client refuses loopback
 * destinations, so its pairing runs in a network namespace with 198.18.0.1 on its loopback.
 */
class WebTunnelInteropIT {
    private static final long SIZE = 8L * 1024 * 1024;

    @TempDir
    static Path dir;

    private static TestCa ca;
    private static HttpTestServer http;
    private static WebTunnelEndpoints.Server ourServer;
    private static WebTunnelEndpoints.Server referenceServer;
    private static Nginx ourFront;
    private static Nginx referenceFront;
    private static int ourFrontPort;
    private static int referenceFrontPort;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create(dir.resolve("ca"), WebTunnelEndpoints.certificateNames());
        http = HttpTestServer.start();
        String url = "https://" + WebTunnelEndpoints.HOST + "/" + WebTunnelEndpoints.PATH;
        ourServer = WebTunnelEndpoints.ourServer(Nginx.freePort(), http.port(), url);
        referenceServer = WebTunnelEndpoints.referenceServer(dir.resolve("ref-server"), Nginx.freePort(), http.port(), url);
        ourFrontPort = Nginx.freePort();
        ourFront = WebTunnelEndpoints.nginx(dir.resolve("nginx-ours"), List.of(), "127.0.0.1:" + ourFrontPort, ca, ourServer.port());
        referenceFrontPort = Nginx.freePort();
        referenceFront = WebTunnelEndpoints.nginx(dir.resolve("nginx-ref"), List.of(), "127.0.0.1:" + referenceFrontPort, ca, referenceServer.port());
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(ourFront, referenceFront, ourServer, referenceServer, http);
    }

    /** The bridge line's args for a front on loopback: the certificate's name in the URL, the address in addr. */
    private static String args(int frontPort) {
        return "url=https://" + WebTunnelEndpoints.HOST + ":" + frontPort + "/" + WebTunnelEndpoints.PATH + ";addr=127.0.0.1:" + frontPort
                + ";ver=0.0.7";
    }

    private static void assertDownload(WebTunnelEndpoints.Client client, String args, long seed) throws Exception {
        assertEquals(Optional.empty(), WebTunnelEndpoints.download(client.socksAddress(), args, "127.0.0.1:" + http.port(), SIZE, seed),
                client.name());
    }

    @Test
    void ourClientCarriesADownloadThroughNginxToTheReferenceServer() throws Exception {
        try (WebTunnelEndpoints.Client client = WebTunnelEndpoints.ourClient(ca)) {
            assertDownload(client, args(referenceFrontPort), 1);
        }
        // nginx saw our SNI, the Go client's request and user agent, the reference's 101, over TLS 1.3 (lyrebird's
        // randomized ClientHello, in the control below, may settle for TLS 1.2 on the same front).
        referenceFront.awaitAccessLog(WebTunnelEndpoints.HOST + " \"GET /" + WebTunnelEndpoints.PATH + " HTTP/1.1\" 101 \"Go-http-client/1.1\" TLSv1.3",
                Duration.ofSeconds(30));
    }

    @Test
    void lyrebirdsClientCarriesADownloadThroughNginxToOurServer() throws Exception {
        try (WebTunnelEndpoints.Client client = WebTunnelEndpoints.goClient("lyrebird", Peer.requireUnstable("lyrebird"), List.of(),
                dir.resolve("lyrebird"), ca)) {
            assertDownload(client, args(ourFrontPort), 2);
        }
    }

    @Test
    void lyrebirdsClientCarriesADownloadThroughNginxToTheReferenceServer() throws Exception {
        // The control: the two reference programs through the same nginx set-up.
        try (WebTunnelEndpoints.Client client = WebTunnelEndpoints.goClient("lyrebird", Peer.requireUnstable("lyrebird"), List.of(),
                dir.resolve("lyrebird-ref"), ca)) {
            assertDownload(client, args(referenceFrontPort), 3);
        }
    }

    @Test
    void theReferenceClientCarriesADownloadThroughNginxToOurServer() throws Exception {
        try (NetworkNamespace namespace = NetworkNamespace.create(dir.resolve("ns"))) {
            int insideServerPort = 8080;
            namespace.portToInside(ourServer.port(), insideServerPort);
            try (Nginx front = WebTunnelEndpoints.nginx(dir.resolve("nginx-ns"), namespace.enter(), NetworkNamespace.ADDRESS + ":443", ca,
                    insideServerPort);
                 WebTunnelEndpoints.Client inside = WebTunnelEndpoints.goClient("webtunnel-client", Peer.requireUnstable("webtunnel-client"),
                         namespace.enter(), dir.resolve("ref-client"), ca)) {
                int socks = namespace.portToOutside(Integer.parseInt(inside.socksAddress().substring(inside.socksAddress().lastIndexOf(':') + 1)));
                String args = "url=https://" + NetworkNamespace.ADDRESS + "/" + WebTunnelEndpoints.PATH + ";ver=0.0.7";
                assertEquals(Optional.empty(), WebTunnelEndpoints.download("127.0.0.1:" + socks, args, "127.0.0.1:" + http.port(), SIZE, 4));
                // The reference client sent no SNI for an IP URL ("-"), and nginx passed its upgrade on.
                front.awaitAccessLog("- \"GET /" + WebTunnelEndpoints.PATH + " HTTP/1.1\" 101", Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void ourServerAnnouncesTheReferencesSmethodForTheSameUrl() {
        assertEquals(referenceServer.smethod().address(), ourServer.smethod().address());
        assertEquals(referenceServer.smethod().args(), ourServer.smethod().args());
    }
}
