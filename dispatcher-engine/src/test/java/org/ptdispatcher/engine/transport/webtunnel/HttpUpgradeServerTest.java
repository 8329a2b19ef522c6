package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.ClientAddress;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's upgrade on an EmbeddedChannel, with the request webtunnel 0.0.7's client sends as nginx passes it on. */
class HttpUpgradeServerTest {
    private static final String UPGRADE = "GET /s3cretPath HTTP/1.1\r\nHost: bridge.example\r\nUser-Agent: Go-http-client/1.1\r\n"
            + "Connection: upgrade\r\nUpgrade: websocket\r\nX-Forwarded-For: 198.51.100.9, 203.0.113.7\r\n\r\n";

    private record Server(EmbeddedChannel channel, Promise<Optional<HostPort>> done) {
    }

    private static Server server(Map<String, String> options) throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        Promise<Optional<HostPort>> done = channel.eventLoop().newPromise();
        new WebTunnelServer(TransportOptions.of(options)).install(channel, done);
        return new Server(channel, done);
    }

    private static Server server() throws Exception {
        return server(Map.of("url", "https://bridge.example/s3cretPath"));
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
    void theUpgradeIsAnsweredWithTheReferences101AndTunnelBytesPassOn() throws Exception {
        Server s = server();
        s.channel().writeInbound(ascii(UPGRADE + "tunnel bytes"));
        assertEquals(HttpUpgradeClientTest.REFERENCE_101, written(s.channel()));
        assertTrue(s.done().isSuccess());
        assertEquals("tunnel bytes", read(s.channel()));
        assertNull(s.channel().pipeline().get(HttpUpgradeServerHandler.class));
        s.channel().writeOutbound(ascii("raw"));
        assertEquals("raw", written(s.channel()));
    }

    @Test
    void theUpgradeSplitAtEveryByteStillUpgrades() throws Exception {
        String all = UPGRADE + "xyz";
        for (int split = 1; split < all.length(); split++) {
            Server s = server();
            s.channel().writeInbound(ascii(all.substring(0, split)));
            s.channel().writeInbound(ascii(all.substring(split)));
            assertTrue(s.done().isSuccess(), "split at " + split);
            assertEquals("xyz", read(s.channel()), "split at " + split);
        }
    }

    @Test
    void theLastForwardedForEntryBecomesTheClientsAddressWithTheReferencesPort() throws Exception {
        Server s = server();
        s.channel().writeInbound(ascii(UPGRADE));
        assertEquals(new HostPort("203.0.113.7", HttpUpgradeServerHandler.FORWARDED_PORT), ClientAddress.of(s.channel()));
    }

    @Test
    void forwardedForTakesTheLastEntryOverRepeatedHeadersAndIgnoresWhatIsNoAddress() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::5")), ForwardedFor.clientAddress(List.of("203.0.113.1", "10.0.0.1, 2001:db8::5")));
        assertEquals(Optional.empty(), ForwardedFor.clientAddress(List.of("203.0.113.1, unknown")));
        assertEquals(Optional.empty(), ForwardedFor.clientAddress(List.of()));
    }

    @Test
    void anotherPathGetsNginxsNotFoundPageAndTheConnectionStaysUsable() throws Exception {
        Server s = server();
        s.channel().writeInbound(ascii("GET /other HTTP/1.1\r\nHost: bridge.example\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n"));
        String answer = written(s.channel());
        assertTrue(answer.startsWith("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 146\r\n\r\n"), answer);
        assertTrue(answer.endsWith(DecoyPage.NOT_FOUND_HTML), answer);
        assertFalse(s.done().isDone());
        s.channel().writeInbound(ascii(UPGRADE));
        assertTrue(written(s.channel()).startsWith("HTTP/1.1 101 Switching Protocols"), "the next request on the kept-alive connection");
        assertTrue(s.done().isSuccess());
    }

    @Test
    void theSecretPathWithoutAnUpgradeIsJustAnotherPage() throws Exception {
        Server s = server();
        s.channel().writeInbound(ascii("GET /s3cretPath HTTP/1.1\r\nHost: bridge.example\r\n\r\n"));
        assertTrue(written(s.channel()).startsWith("HTTP/1.1 404 Not Found"));
        s.channel().writeInbound(ascii("HEAD /s3cretPath HTTP/1.1\r\nHost: bridge.example\r\nConnection: close\r\n\r\n"));
        String head = written(s.channel());
        assertTrue(head.startsWith("HTTP/1.1 404 Not Found") && head.endsWith("\r\n\r\n"), "HEAD: headers only: " + head);
        assertFalse(s.channel().isOpen(), "Connection: close is honoured");
        assertFalse(s.done().isSuccess());
    }

    @Test
    void aConfiguredPageIsServedWith200() throws Exception {
        Path page = Files.createTempFile("decoy", ".html");
        Files.writeString(page, "<html>my blog</html>");
        Server s = server(Map.of("url", "https://bridge.example/s3cretPath", "page", page.toString()));
        s.channel().writeInbound(ascii("GET / HTTP/1.1\r\nHost: bridge.example\r\n\r\n"));
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20\r\n\r\n<html>my blog</html>", written(s.channel()));
        Files.delete(page);
    }

    @Test
    void whatIsNotHttpGets400AndAClose() throws Exception {
        Server s = server();
        s.channel().writeInbound(ascii("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003 binary\r\n\r\n"));
        assertTrue(written(s.channel()).startsWith("HTTP/1.1 400 Bad Request"));
        assertFalse(s.channel().isOpen());
    }

    @Test
    void theSmethodAddressIsTheReferencesSyntheticOne() {
        // webtunnel-server 0.0.7 announced [2001:db8:cfe9:a0fb:ea23:1e50:7a85:a93]:443 for this url.
        assertEquals("[2001:db8:cfe9:a0fb:ea23:1e50:7a85:a93]:443", SyntheticBridgeAddress.of("https://bridge.example/s3cretPath").toString());
    }
}
