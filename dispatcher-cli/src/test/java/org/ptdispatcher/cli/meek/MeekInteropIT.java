package org.ptdispatcher.cli.meek;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.NetworkNamespace;
import org.ptdispatcher.cli.testing.Nginx;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.TestCa;
import org.ptdispatcher.cli.testing.Traffic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * meek_lite through a real nginx with TLS and a test CA, domain-fronted as on a CDN: the clients
 * connect to front.test (its name in SNI) and name reflector.test in Host, both resolving to the
 * nginx in a network namespace; nginx passes the path to our meek server. lyrebird 0.8.1's client
 * (what Tor Browser runs) and obfs4proxy 0.0.14's, and ours, each carry a curl download (SHA-256
 * checked) and concurrent echoes (every byte checked both ways).
 */
class MeekInteropIT {
    private static final long SIZE = 8L * 1024 * 1024;
    private static final String ARGS = "url=https://" + MeekEndpoints.REFLECTOR + "/meek/;front=" + MeekEndpoints.FRONT;
    private static final String ECHO_ARGS = "url=https://" + MeekEndpoints.REFLECTOR + "/echo/;front=" + MeekEndpoints.FRONT;

    @TempDir
    static Path dir;

    private static TestCa ca;
    private static HttpTestServer http;
    private static EchoServer echo;
    private static MeekEndpoints.Server httpServer;
    private static MeekEndpoints.Server echoServer;
    private static NetworkNamespace namespace;
    private static Nginx front;
    private static List<String> withNames;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create(dir.resolve("ca"), MeekEndpoints.certificateNames());
        http = HttpTestServer.start();
        echo = EchoServer.start();
        httpServer = MeekEndpoints.ourServer(Nginx.freePort(), http.port());
        echoServer = MeekEndpoints.ourServer(Nginx.freePort(), echo.port());
        namespace = NetworkNamespace.create(dir.resolve("ns"));
        namespace.portToInside(httpServer.port(), 8080);
        namespace.portToInside(echoServer.port(), 8081);
        withNames = MeekEndpoints.withNames(namespace, dir);
        front = MeekEndpoints.nginx(dir.resolve("nginx"), namespace, ca);
    }

    @AfterAll
    static void stop() throws Exception {
        Closeables.closeAll(front, httpServer, echoServer, http);
        if (namespace != null) {
            namespace.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private static MeekEndpoints.Client lyrebird(String name) throws Exception {
        return MeekEndpoints.goClient("lyrebird", Peer.requireUnstable("lyrebird"), namespace, withNames, dir.resolve(name), ca);
    }

    private static void assertCarries(MeekEndpoints.Client client, String args, long seed) throws Exception {
        assertEquals(Optional.empty(), MeekEndpoints.download(client, args, http.port(), SIZE, seed), client.name());
        Traffic.assertConcurrentEchoesWithoutHalfClose(8, index -> MeekEndpoints.tunnel(client, ECHO_ARGS));
    }

    /** nginx saw TLS to the front and a POST naming the reflector, answered 200. */
    private static void assertFronted(String userAgent) throws Exception {
        front.awaitAccessLog(MeekEndpoints.FRONT + " \"POST /meek/ HTTP/1.1\" 200 \"" + userAgent + "\" TLSv1.3 " + MeekEndpoints.REFLECTOR,
                Duration.ofSeconds(30));
    }

    @Test
    void lyrebirdsClientCarriesTrafficThroughNginxToOurServer() throws Exception {
        try (MeekEndpoints.Client client = lyrebird("lyrebird")) {
            assertCarries(client, ARGS, 1);
        }
        assertFronted("-");
    }

    @Test
    void obfs4proxysClientCarriesTrafficThroughNginxToOurServer() throws Exception {
        try (MeekEndpoints.Client client = MeekEndpoints.goClient("obfs4proxy", Peer.require("obfs4proxy", "obfs4proxy"), namespace, withNames,
                dir.resolve("obfs4proxy"), ca)) {
            assertCarries(client, ARGS, 2);
        }
    }

    @Test
    void ourClientCarriesTrafficThroughNginxToOurServer() throws Exception {
        try (MeekEndpoints.Client client = MeekEndpoints.ourClient(namespace, withNames, ca)) {
            assertCarries(client, ARGS, 3);
        }
        assertFronted("-");
    }

    @Test
    void withTargetsAPairThatFailsIsLeftForTheNextWithOursAsWithLyrebirds() throws Exception {
        // /nope/ is nginx's 404: whichever order the pairs were shuffled into, the download goes through the other.
        String targets = "targets=https://" + MeekEndpoints.REFLECTOR + "/nope/|" + MeekEndpoints.FRONT + ",https://" + MeekEndpoints.REFLECTOR
                + "/meek/|" + MeekEndpoints.FRONT;
        try (MeekEndpoints.Client ours = MeekEndpoints.ourClient(namespace, withNames, ca);
             MeekEndpoints.Client theirs = lyrebird("lyrebird-targets")) {
            for (int i = 0; i < 3; i++) {
                assertEquals(Optional.empty(), MeekEndpoints.download(ours, targets, http.port(), 256 * 1024, 10 + i), ours.name());
                assertEquals(Optional.empty(), MeekEndpoints.download(theirs, targets, http.port(), 256 * 1024, 20 + i), theirs.name());
            }
        }
    }
}
