package org.ptdispatcher.cli.obfs4;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;

/** obfs2 both ways with obfs4proxy's obfs2: 16 MiB through curl, SHA-256 checked. */
class Obfs2InteropIT {
    private static final long SIZE = 16L * 1024 * 1024;

    @TempDir
    static Path state;

    private static Path curl;
    private static HttpTestServer http;
    private static Obfs4Endpoints.Server ourServer;
    private static Obfs4Endpoints.Server peerServer;
    private static Obfs4Endpoints.Client ourClient;
    private static Obfs4Endpoints.Client peerClient;

    @BeforeAll
    static void start() throws Exception {
        Path obfs4proxy = Peer.require("obfs4proxy", "obfs4proxy");
        curl = Peer.require("curl", "curl");
        http = HttpTestServer.start();
        ourServer = Obfs4Endpoints.ourServer("obfs2", state.resolve("our-server"), http.port(), 0);
        peerServer = Obfs4Endpoints.peerServer(obfs4proxy, "obfs2", state.resolve("peer-server"), http.port(), 0);
        ourClient = Obfs4Endpoints.ourClient("obfs2", state.resolve("our-client"));
        peerClient = Obfs4Endpoints.peerClient(obfs4proxy, "obfs2", state.resolve("peer-client"));
    }

    @AfterAll
    static void stop() {
        Obfs4Endpoints.close(ourClient);
        Obfs4Endpoints.close(peerClient);
        Obfs4Endpoints.close(ourServer);
        Obfs4Endpoints.close(peerServer);
        Closeables.closeAll(http);
    }

    @Test
    void ourClientToObfs4proxyServer() throws Exception {
        assertNull(Obfs4Endpoints.fetchAndVerify(curl, ourClient, peerServer, SIZE, 21, 120));
    }

    @Test
    void obfs4proxyClientToOurServer() throws Exception {
        assertNull(Obfs4Endpoints.fetchAndVerify(curl, peerClient, ourServer, SIZE, 22, 120));
    }

    @Test
    void ourClientToOurServer() throws Exception {
        assertNull(Obfs4Endpoints.fetchAndVerify(curl, ourClient, ourServer, SIZE, 23, 120));
    }
}
