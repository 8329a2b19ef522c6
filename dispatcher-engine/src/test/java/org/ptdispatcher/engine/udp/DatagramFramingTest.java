package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatagramFramingTest {

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        b.release();
        return out;
    }

    @Test
    void theLengthPrefixIsTwoBytesBigEndian() {
        ByteBuf framed = DatagramFraming.LENGTH_PREFIXED.encode(ByteBufAllocator.DEFAULT, Unpooled.wrappedBuffer(new byte[0x0102]));
        assertEquals(0x01, framed.getUnsignedByte(0));
        assertEquals(0x02, framed.getUnsignedByte(1));
        assertEquals(2 + 0x0102, framed.readableBytes());
        framed.release();
    }

    @Test
    void framesSplitAcrossReadsComeOutWhole() {
        EmbeddedChannel channel = new EmbeddedChannel(DatagramFraming.LENGTH_PREFIXED.newDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 'a'}));
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'b', 'c', 0, 0, 0, 1}));
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, bytes(channel.readInbound()));
        assertArrayEquals(new byte[0], bytes(channel.readInbound()), "an empty datagram is a datagram");
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'z'}));
        assertArrayEquals(new byte[] {'z'}, bytes(channel.readInbound()));
    }

    @Test
    void aFrameLongerThanAnyDatagramEndsTheStream() {
        EmbeddedChannel channel = new EmbeddedChannel(DatagramFraming.LENGTH_PREFIXED.newDecoder());
        DecoderException e = assertThrows(DecoderException.class, () -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff})));
        assertTrue(e.getMessage().contains("65535 bytes is longer than any UDP datagram"), e.getMessage());
    }

    private static ByteBuf stun(int bodyLength, int cookie) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(0x0001).writeShort(bodyLength).writeInt(cookie).writeZero(12).writeZero(bodyLength);
        return b;
    }

    @Test
    void stunMessagesAreDelimitedByTheirHeaders() {
        EmbeddedChannel channel = new EmbeddedChannel(DatagramFraming.STUN.newDecoder());
        ByteBuf two = Unpooled.wrappedBuffer(stun(8, StunHeader.MAGIC_COOKIE), stun(0, StunHeader.MAGIC_COOKIE));
        channel.writeInbound(two);
        assertEquals(28, bytes(channel.readInbound()).length);
        assertEquals(20, bytes(channel.readInbound()).length);
    }

    @Test
    void aBadCookieInTheStreamEndsIt() {
        EmbeddedChannel channel = new EmbeddedChannel(DatagramFraming.STUN.newDecoder());
        DecoderException e = assertThrows(DecoderException.class, () -> channel.writeInbound(stun(0, 0x12345678)));
        assertTrue(e.getMessage().contains("magic cookie"), e.getMessage());
    }

    @Test
    void stunDatagramsFromApplicationsAreChecked() {
        assertEquals(Optional.empty(), DatagramFraming.STUN.rejectDatagram(stun(4, StunHeader.MAGIC_COOKIE)));
        assertTrue(DatagramFraming.STUN.rejectDatagram(stun(4, 0)).orElseThrow().contains("magic cookie"));
        ByteBuf lying = stun(4, StunHeader.MAGIC_COOKIE);
        lying.setShort(2, 40);
        assertTrue(DatagramFraming.STUN.rejectDatagram(lying).orElseThrow().contains("says 60 bytes, but the datagram has 24"));
        assertTrue(DatagramFraming.STUN.rejectDatagram(Unpooled.wrappedBuffer(new byte[7])).orElseThrow().contains("20-byte header"));
    }
}
