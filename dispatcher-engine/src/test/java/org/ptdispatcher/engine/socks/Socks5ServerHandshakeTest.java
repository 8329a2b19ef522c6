package org.ptdispatcher.engine.socks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * How per-connection args arrive through RFC 1929 (pt-spec 3.5): Tor's escaping, args longer
 * than 255 bytes continuing into the password, a lone NUL password ignored. (The byte-level
 * behaviour over a real socket is in the CLI's SocksIT.)
 */
class Socks5ServerHandshakeTest {
    private SocksConnectRequest request;

    private final Socks5ServerHandshake.Listener listener = new Socks5ServerHandshake.Listener() {
        @Override
        public void checkArgs(TransportOptions args) throws InvalidTransportOptionsException {
            if (args.contains("reject")) {
                throw new InvalidTransportOptionsException("rejected");
            }
        }

        @Override
        public void connect(ChannelHandlerContext ctx, SocksConnectRequest r) {
            request = r;
        }
    };

    private static byte[] userPassword(String user, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.write(u.length);
        out.writeBytes(u);
        out.write(p.length);
        out.writeBytes(p);
        return out.toByteArray();
    }

    private TransportOptions argsVia(String user, String password) {
        EmbeddedChannel channel = new EmbeddedChannel(new Socks5ServerHandshake(listener, java.time.Duration.ofSeconds(10)));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 2}));
        channel.writeInbound(Unpooled.wrappedBuffer(userPassword(user, password)));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80}));
        assertNotNull(request, "the request completed");
        channel.finishAndReleaseAll();
        return request.args();
    }

    @Test
    void argsAreTorEscapedKeyValuePairs() {
        assertEquals(Map.of("cert", "a;b=c", "iat-mode", "0"), argsVia("cert=a\\;b\\=c;iat-mode=0", "\0").asMap());
    }

    @Test
    void argsLongerThan255BytesContinueIntoThePassword() {
        String cert = "x".repeat(300);
        String args = "cert=" + cert + ";iat-mode=1";
        assertEquals(Map.of("cert", cert, "iat-mode", "1"), argsVia(args.substring(0, 255), args.substring(255)).asMap());
    }

    @Test
    void aLoneNulPasswordIsIgnoredButOtherPasswordsAreArgs() {
        assertEquals(Map.of("a", "1"), argsVia("a=1", "\0").asMap());
        assertEquals(Map.of("a", "1", "b", "2"), argsVia("a=1;b", "=2").asMap());
    }

    @Test
    void rejectedArgsFailTheSubNegotiation() {
        EmbeddedChannel channel = new EmbeddedChannel(new Socks5ServerHandshake(listener, java.time.Duration.ofSeconds(10)));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 2}));
        channel.writeInbound(Unpooled.wrappedBuffer(userPassword("reject=1", "\0")));
        ByteBuf method = channel.readOutbound();
        assertEquals(2, method.getByte(1));
        method.release();
        ByteBuf status = channel.readOutbound();
        assertEquals(1, status.getByte(0));
        assertEquals(1, status.getByte(1));
        status.release();
        channel.runPendingTasks();
        assertEquals(false, channel.isOpen());
    }
}
