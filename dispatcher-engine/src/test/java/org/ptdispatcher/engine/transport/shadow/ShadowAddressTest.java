package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ShadowAddressTest {
    private static String written(HostPort address) {
        ByteBuf out = Unpooled.buffer();
        ShadowAddress.write(address, out);
        return HexFormat.of().formatHex(ByteBufUtilBytes.of(out));
    }

    @Test
    void writesTheThreeForms() {
        assertEquals("017f0000011f90", written(new HostPort("127.0.0.1", 8080)));
        assertEquals("0400000000000000000000000000000001" + "01bb", written(new HostPort("::1", 443)));
        assertEquals("030b6578616d706c652e636f6d0050", written(new HostPort("example.com", 80)));
    }

    @Test
    void readsWhatItWrites() {
        for (HostPort address : new HostPort[] {new HostPort("10.1.2.3", 1), new HostPort("2001:db8::1", 65535), new HostPort("tor.invalid", 9001)}) {
            ByteBuf buf = Unpooled.buffer();
            ShadowAddress.write(address, buf);
            int length = buf.readableBytes();
            buf.writeBytes(new byte[] {9, 9, 9});
            ShadowAddress.Parsed parsed = ShadowAddress.read(buf);
            assertEquals(new ShadowAddress.Complete(address, length), parsed);
        }
    }

    @Test
    void needsMoreUntilWhole() {
        ByteBuf buf = Unpooled.buffer();
        ShadowAddress.write(new HostPort("example.com", 80), buf);
        for (int n = 0; n < buf.readableBytes(); n++) {
            assertInstanceOf(ShadowAddress.NeedMore.class, ShadowAddress.read(buf.slice(0, n)), "after " + n + " bytes");
        }
    }

    @Test
    void refusesMalformedHeaders() {
        assertInstanceOf(ShadowAddress.Invalid.class, ShadowAddress.read(Unpooled.wrappedBuffer(new byte[] {0x05, 1, 2, 3, 4, 5, 6})));
        assertInstanceOf(ShadowAddress.Invalid.class, ShadowAddress.read(Unpooled.wrappedBuffer(new byte[] {0x03, 0, 0, 80})));
        assertInstanceOf(ShadowAddress.Invalid.class, ShadowAddress.read(Unpooled.wrappedBuffer(new byte[] {0x01, 127, 0, 0, 1, 0, 0})));
        assertInstanceOf(ShadowAddress.Invalid.class, ShadowAddress.read(Unpooled.wrappedBuffer(new byte[] {0x03, 3, 'a', ' ', 'b', 0, 80})));
    }

    /** Bytes of a buffer, for hex comparison. */
    static final class ByteBufUtilBytes {
        static byte[] of(ByteBuf buf) {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            return bytes;
        }
    }
}
