package org.ptdispatcher.engine.mode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.udp.DatagramFraming;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What both datagram modes do with a connection that carries datagrams, on an EmbeddedChannel. */
class DatagramTunnelHandlerTest {
    private final EmbeddedChannel tunnel = new EmbeddedChannel();
    private final DatagramTunnelHandler handler = new DatagramTunnelHandler("plain", tunnel, DatagramFraming.LENGTH_PREFIXED, "cannot keep up") {
    };

    DatagramTunnelHandlerTest() {
        tunnel.pipeline().addLast(handler);
    }

    @AfterEach
    void close() {
        tunnel.finishAndReleaseAll();
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void aDatagramGoesIntoTheConnectionInTheModesFraming() {
        assertTrue(handler.send(text("abc")));
        tunnel.flushOutbound();
        ByteBuf written = tunnel.readOutbound();
        assertEquals("0003616263", ByteBufUtil.hexDump(written));
        written.release();
    }

    @Test
    void whileTheConnectionCannotKeepUpDatagramsAreDroppedNotQueued() {
        tunnel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        assertTrue(handler.send(text("a datagram of twenty")), "written, not yet flushed");
        assertFalse(tunnel.isWritable());
        ByteBuf dropped = text("dropped");
        assertTrue(handler.send(dropped), "a drop is not a write failure: the connection stays");
        assertEquals(0, dropped.refCnt());
        tunnel.flushOutbound();
        ByteBuf written = tunnel.readOutbound();
        assertEquals(2 + 20, written.readableBytes(), "only the first datagram went out");
        written.release();
        assertNull(tunnel.readOutbound());
    }

    @Test
    void aClosedConnectionIsAWriteFailure() {
        tunnel.close();
        ByteBuf datagram = text("late");
        assertFalse(handler.send(datagram));
        assertEquals(0, datagram.refCnt());
    }

    @Test
    void theEndOfInputEndsTheConnection() {
        tunnel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertFalse(tunnel.isOpen());
    }
}
