package org.ptdispatcher.engine.mode;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;

/**
 * A UDP socket's handler that works on each datagram's bytes, as the SIP022 codec does (it seals
 * and opens byte arrays): the packet is copied out and released here, anything that is not a
 * datagram is released and dropped.
 */
abstract class DatagramBytesHandler extends ChannelInboundHandlerAdapter {
    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(packet.content());
        } finally {
            packet.release();
        }
        datagramRead(bytes, packet.sender());
    }

    /** One datagram, already released: {@code bytes} is the handler's own. */
    abstract void datagramRead(byte[] bytes, InetSocketAddress sender);
}
