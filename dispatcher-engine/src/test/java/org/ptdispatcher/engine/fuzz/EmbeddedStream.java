package org.ptdispatcher.engine.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** A byte stream fed to, and read back from, a decoder's {@link EmbeddedChannel}, for the fuzz targets that do it. */
public final class EmbeddedStream {
    private EmbeddedStream() {
    }

    /** Writes {@code stream} inbound in reads of {@code read} bytes, as the network would, until the channel closes. */
    public static void feed(EmbeddedChannel channel, byte[] stream, int read) {
        for (int at = 0; at < stream.length && channel.isOpen(); at += read) {
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + read))));
        }
    }

    /** The bytes the channel passed on inbound, all of them; anything else it passed is released. */
    public static byte[] drainInbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            if (o instanceof ByteBuf b) {
                byte[] bytes = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), bytes);
                out.writeBytes(bytes);
            }
            ReferenceCountUtil.release(o);
        }
        return out.toByteArray();
    }
}
