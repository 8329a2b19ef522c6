package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's upgrade on an EmbeddedChannel, against the bytes webtunnel 0.0.7's server and nginx send. */
class HttpUpgradeClientTest {
    /** webtunnel-server 0.0.7's answer, captured. */
    static final String REFERENCE_101 = "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n";
    /** The same through nginx 1.22 (its Server and Date headers added). */
    static final String NGINX_101 = "HTTP/1.1 101 Switching Protocols\r\nServer: nginx\r\nDate: Wed, 02 Dec 2026 15:00:00 GMT\r\n"
            + "Connection: upgrade\r\nUpgrade: websocket\r\n\r\n";

    private record Client(EmbeddedChannel channel, Promise<Void> done) {
    }

    private static Client client() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Promise<Void> done = channel.eventLoop().newPromise();
        HttpRequestEncoder encoder = new HttpRequestEncoder();
        UpgradeResponseDecoder decoder = new UpgradeResponseDecoder();
        channel.pipeline().addLast(encoder, decoder, new HttpUpgradeClientHandler("/s3cretPath", "bridge.example", encoder, decoder, done));
        return new Client(channel, done);
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b; (b = channel.readOutbound()) != null; b.release()) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }

    private static String read(EmbeddedChannel channel) {
        StringBuilder in = new StringBuilder();
        for (ByteBuf b; (b = channel.readInbound()) != null; b.release()) {
            in.append(b.toString(StandardCharsets.ISO_8859_1));
        }
        return in.toString();
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theRequestIsByteForByteTheReferenceClients() {
        // Captured from webtunnel-client 0.0.7 (and the same Go code in lyrebird 0.8.1).
        assertEquals("GET /s3cretPath HTTP/1.1\r\nHost: bridge.example\r\nUser-Agent: Go-http-client/1.1\r\n"
                + "Connection: upgrade\r\nUpgrade: websocket\r\n\r\n", written(client().channel()));
    }

    @Test
    void tunnelBytesInTheSameReadAsThe101PassOnAndTheCodecLeaves() {
        for (String answer : new String[] {REFERENCE_101, NGINX_101}) {
            Client c = client();
            written(c.channel());
            c.channel().writeInbound(ascii(answer + "tunnel bytes"));
            assertTrue(c.done().isSuccess());
            assertEquals("tunnel bytes", read(c.channel()));
            c.channel().writeInbound(ascii(" and more"));
            assertEquals(" and more", read(c.channel()));
            assertNull(c.channel().pipeline().get(HttpUpgradeClientHandler.class));
            assertNull(c.channel().pipeline().get(UpgradeResponseDecoder.class));
            c.channel().writeOutbound(ascii("raw"));
            assertEquals("raw", written(c.channel()), "after the upgrade our bytes go out unframed");
        }
    }

    @Test
    void theAnswerSplitAtEveryByteStillUpgrades() {
        String all = REFERENCE_101 + "xyz";
        for (int split = 1; split < all.length(); split++) {
            Client c = client();
            c.channel().writeInbound(ascii(all.substring(0, split)));
            c.channel().writeInbound(ascii(all.substring(split)));
            assertTrue(c.done().isSuccess(), "split at " + split);
            assertEquals("xyz", read(c.channel()), "split at " + split);
        }
    }

    @Test
    void aNonUpgradeAnswerFailsTheHandshakeWithTheStatusAndCloses() {
        Client c = client();
        c.channel().writeInbound(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
        assertFalse(c.done().isSuccess());
        assertTrue(c.done().cause().getMessage().contains("404 Not Found"), c.done().cause().getMessage());
        assertFalse(c.channel().isOpen());
    }

    @Test
    void a101WithoutTheUpgradeHeadersIsRefused() {
        Client c = client();
        c.channel().writeInbound(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\n"));
        assertFalse(c.done().isSuccess());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTp/1.1 ", "http/1.1 ", "HTTP/1.10 ", "HTTP/11.1 ", "RTSP/1.0 ", "HTTP/1 ", "HTTP/1.1\t", "\r\nHTTP/1.1 ", " HTTP/1.1 "})
    void aStatusLineGoDoesNotReadIsRefused(String lineStart) {
        Client c = client();
        c.channel().writeInbound(ascii(lineStart + "101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\ntunnel"));
        assertFalse(c.done().isSuccess(), lineStart);
        assertTrue(c.done().cause().getMessage().contains("not HTTP"), c.done().cause().getMessage());
        assertFalse(c.channel().isOpen());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0101 Switching Protocols", "1010 Switching Protocols", "00101 Switching Protocols"})
    void aStatusCodeOfOtherThanThreeCharactersIsRefusedAsGoRefusesIt(String status) {
        Client c = client();
        c.channel().writeInbound(ascii("HTTP/1.1 " + status + "\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\ntunnel"));
        assertFalse(c.done().isSuccess(), status);
        assertTrue(c.done().cause().getMessage().contains("not HTTP"), c.done().cause().getMessage());
    }

    @Test
    void spacesBeforeTheStatusCodeAreTakenAsGoTakesThem() {
        Client c = client();
        c.channel().writeInbound(ascii("HTTP/1.1   101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n"));
        assertTrue(c.done().isSuccess());
    }

    @Test
    void aServerThatClosesBeforeAnsweringFailsTheHandshake() {
        Client c = client();
        c.channel().close();
        assertFalse(c.done().isSuccess());
    }
}
