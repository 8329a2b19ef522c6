package org.ptdispatcher.cli.obfs4;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A "server" that reads the start of the client's handshake and then ends the connection, with a
 * FIN or with a reset: the client answers SOCKS at once with 0x01 (general failure), as
 * obfs4proxy does for both (checked here too, as the control). Before, ours waited for the
 * handshake timeout after a FIN (30 s, then 0x06) and answered 0x05 ("refused") after a reset,
 * though the connection had been made.
 */
class ServerEndsHandshakeIT {
    @TempDir
    Path dir;

    private Obfs4Endpoints.Client client;

    @AfterEach
    void stop() {
        Obfs4Endpoints.close(client);
    }

    @ParameterizedTest(name = "{0} {1} client, server ends with {2}")
    @CsvSource({
            "our, obfs4, fin", "our, obfs4, reset", "our, obfs2, fin", "our, obfs2, reset",
            "obfs4proxy, obfs4, fin", "obfs4proxy, obfs4, reset", "obfs4proxy, obfs2, fin", "obfs4proxy, obfs2, reset",
    })
    void theClientAnswersGeneralFailure(String who, String transport, String end) throws Exception {
        client = who.equals("our")
                ? Obfs4Endpoints.ourClient(transport, dir.resolve("client"))
                : Obfs4Endpoints.peerClient(Peer.require("obfs4proxy", "obfs4proxy"), transport, dir.resolve("client"));
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> endAfterFirstByte(server, end.equals("reset")));
            try (Socks5Client socks = Socks5Client.connect(client.socksAddress())) {
                // Past the 30 s handshake timeout, so that waiting for it shows as its 0x06.
                socks.socket().setSoTimeout(60_000);
                if (transport.equals("obfs4")) {
                    assertEquals(2, socks.greet(2));
                    assertEquals(0, socks.userPassword("cert=" + randomCert() + ";iat-mode=0", "\0"));
                } else {
                    assertEquals(0, socks.greet(0));
                }
                assertEquals(1, socks.connectAddress(new byte[] {127, 0, 0, 1}, server.getLocalPort()), "general failure");
            }
            ended.get(20, TimeUnit.SECONDS);
        }
    }

    /** Accepts one connection, reads a byte of the handshake, then sends a FIN (reading on until the client closes) or a reset. */
    private static void endAfterFirstByte(ServerSocket server, boolean reset) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(60_000);
            InputStream in = s.getInputStream();
            if (in.read() < 0) {
                throw new AssertionError("the client sent no handshake");
            }
            if (reset) {
                s.setSoLinger(true, 0);
                return;
            }
            // A half-close: unread bytes at close would make the kernel send a reset instead.
            s.shutdownOutput();
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** A cert= value: 20 bytes of node ID and a 32-byte public key, base64 without padding; nobody holds its key. */
    private static String randomCert() {
        byte[] cert = new byte[52];
        new SecureRandom().nextBytes(cert);
        return Base64.getEncoder().withoutPadding().encodeToString(cert);
    }
}
