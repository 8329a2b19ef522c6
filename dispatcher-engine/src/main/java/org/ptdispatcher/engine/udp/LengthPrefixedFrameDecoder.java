package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.List;

/**
 * Datagrams out of a transparent-UDP stream: a 2-byte length in network byte order, then that
 * many bytes. (The Go reference writes the length little-endian, against the spec; we follow the
 * spec.) A length no UDP datagram can have means the stream is not what it should be: the
 * connection ends.
 */
final class LengthPrefixedFrameDecoder extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int length = in.getUnsignedShort(in.readerIndex());
            if (length > DatagramFraming.MAX_DATAGRAM) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("a frame of " + length + " bytes is longer than any UDP datagram");
            }
            if (in.readableBytes() < 2 + length) {
                return;
            }
            in.skipBytes(2);
            out.add(in.readRetainedSlice(length));
        }
    }
}
