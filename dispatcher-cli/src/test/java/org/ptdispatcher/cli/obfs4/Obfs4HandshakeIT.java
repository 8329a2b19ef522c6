package org.ptdispatcher.cli.obfs4;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 200 consecutive obfs4 handshakes of our client against obfs4proxy's server, and of
 * obfs4proxy's client against ours, each carrying an HTTP request: an Elligator 2 mistake that
 * hits some fraction of keys shows up here as failures.
 */
class Obfs4HandshakeIT {
    private static final int HANDSHAKES = 200;

    @TempDir
    static Path state;

    private static HttpTestServer http;
    private static Obfs4Endpoints.Server ourServer;
    private static Obfs4Endpoints.Server peerServer;
    private static Obfs4Endpoints.Client ourClient;
    private static Obfs4Endpoints.Client peerClient;

    @BeforeAll
    static void start() throws Exception {
        Path obfs4proxy = Peer.require("obfs4proxy", "obfs4proxy");
        http = HttpTestServer.start();
        ourServer = Obfs4Endpoints.ourServer("obfs4", state.resolve("our-server"), http.port(), 0);
        peerServer = Obfs4Endpoints.peerServer(obfs4proxy, "obfs4", state.resolve("peer-server"), http.port(), 0);
        ourClient = Obfs4Endpoints.ourClient("obfs4", state.resolve("our-client"));
        peerClient = Obfs4Endpoints.peerClient(obfs4proxy, "obfs4", state.resolve("peer-client"));
    }

    @AfterAll
    static void stop() {
        Obfs4Endpoints.close(ourClient);
        Obfs4Endpoints.close(peerClient);
        Obfs4Endpoints.close(ourServer);
        Obfs4Endpoints.close(peerServer);
        Obfs4Endpoints.closeAll(http);
    }

    @Test
    void ourClientCompletes200HandshakesWithObfs4proxyServer() throws Exception {
        assertEquals(List.of(), handshakes(ourClient, peerServer));
    }

    @Test
    void obfs4proxyClientCompletes200HandshakesWithOurServer() throws Exception {
        assertEquals(List.of(), handshakes(peerClient, ourServer));
    }

    private static List<String> handshakes(Obfs4Endpoints.Client client, Obfs4Endpoints.Server server) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < HANDSHAKES; i++) {
            try {
                String body = fetchHello(client, server);
                if (!body.endsWith("hello")) {
                    failures.add("handshake " + i + ": unexpected answer " + body);
                }
            } catch (Exception e) {
                failures.add("handshake " + i + ": " + e);
            }
        }
        return failures;
    }

    /** One SOCKS connection with the args in RFC 1929 (password a single NUL, as tor sends), one HTTP request. */
    static String fetchHello(Obfs4Endpoints.Client client, Obfs4Endpoints.Server server) throws Exception {
        try (Socks5Client socks = Socks5Client.connect(client.socksAddress())) {
            assertEquals(2, socks.greet(2));
            assertEquals(0, socks.userPassword(server.args(), "\0"));
            assertEquals(0, socks.connectDomain(server.host(), server.port()));
            Socket s = socks.socket();
            OutputStream out = s.getOutputStream();
            out.write(("GET /hello HTTP/1.0\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
