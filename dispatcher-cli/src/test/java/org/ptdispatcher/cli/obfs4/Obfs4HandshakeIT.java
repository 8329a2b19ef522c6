package org.ptdispatcher.cli.obfs4;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handshakes and client args. 200 consecutive obfs4 handshakes of our client against obfs4proxy's server, and of
 * obfs4proxy's client against ours, each carrying an HTTP request: an Elligator 2 mistake that
 * hits some fraction of keys shows up here as failures. Also: our client takes its args from
 * RFC 1929, the SOCKS 0x09 JSON block, legacy node-id/public-key, or -options, and refuses bad
 * ones during the SOCKS handshake.
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
        Closeables.closeAll(http);
    }

    @Test
    void ourClientCompletes200HandshakesWithObfs4proxyServer() throws Exception {
        assertEquals(List.of(), handshakes(ourClient, peerServer));
    }

    @Test
    void obfs4proxyClientCompletes200HandshakesWithOurServer() throws Exception {
        assertEquals(List.of(), handshakes(peerClient, ourServer));
    }

    @Test
    void ourClientTakesTheArgsFromTheSocksJsonBlock() throws Exception {
        String json = "{\"cert\":\"" + peerServer.cert() + "\",\"iat-mode\":0}";
        try (Socks5Client socks = Socks5Client.connect(ourClient.socksAddress())) {
            assertEquals(9, socks.greet(9));
            socks.parameterBlock(json.getBytes(StandardCharsets.UTF_8));
            assertEquals(0, socks.connectDomain(peerServer.host(), peerServer.port()));
            assertTrue(httpHello(socks.socket()).endsWith("hello"));
        }
    }

    @Test
    void ourClientTakesTheLegacyNodeIdAndPublicKey() throws Exception {
        byte[] cert = Base64.getDecoder().decode(peerServer.cert() + "==");
        String args = "node-id=" + HexFormat.of().formatHex(cert, 0, 20) + ";public-key=" + HexFormat.of().formatHex(cert, 20, 52) + ";iat-mode=0";
        try (Socks5Client socks = Socks5Client.connect(ourClient.socksAddress())) {
            assertEquals(2, socks.greet(2));
            assertEquals(0, socks.userPassword(args, "\0"));
            assertEquals(0, socks.connectDomain(peerServer.host(), peerServer.port()));
            assertTrue(httpHello(socks.socket()).endsWith("hello"));
        }
    }

    @Test
    void ourClientTakesTheArgsFromOptionsWhenTheSocksClientSendsNone() throws Exception {
        PtProcess client = PtProcess.ptdispatcher().args("-client", "-transport", "obfs4", "-state", state.resolve("options-client").toString(),
                "-options", "{\"cert\":\"" + peerServer.cert() + "\",\"iat-mode\":\"0\"}").start();
        try (client; Socks5Client socks = Socks5Client.connect(client.awaitCmethod("obfs4"))) {
            assertEquals(0, socks.greet(0));
            assertEquals(0, socks.connectDomain(peerServer.host(), peerServer.port()));
            assertTrue(httpHello(socks.socket()).endsWith("hello"));
        }
    }

    @Test
    void badArgsAreRefusedInTheSocksHandshake() throws Exception {
        try (Socks5Client socks = Socks5Client.connect(ourClient.socksAddress())) {
            assertEquals(2, socks.greet(2));
            assertEquals(1, socks.userPassword("cert=not-a-cert;iat-mode=0", "\0"), "RFC 1929 failure status");
        }
        try (Socks5Client socks = Socks5Client.connect(ourClient.socksAddress())) {
            assertEquals(2, socks.greet(2));
            assertEquals(1, socks.userPassword("iat-mode=0", "\0"), "cert missing");
        }
    }

    private static String httpHello(Socket s) throws Exception {
        s.getOutputStream().write("GET /hello HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
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
