package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.List;
import java.util.Optional;

/**
 * STUN messages out of a STUN-mode stream, delimited by their own headers (spec 1.5.5). A header
 * that is not STUN (bad cookie, impossible length) means the stream has lost its way: there is
 * no resynchronising without framing, so the connection ends.
 */
final class StunFrameDecoder extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= StunHeader.LENGTH) {
            Optional<String> problem = StunHeader.problem(in, in.readerIndex(), in.readableBytes(), false);
            if (problem.isPresent()) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException(problem.get());
            }
            int length = StunHeader.messageLength(in, in.readerIndex());
            if (in.readableBytes() < length) {
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}
