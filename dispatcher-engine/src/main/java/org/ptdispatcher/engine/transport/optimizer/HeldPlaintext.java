package org.ptdispatcher.engine.transport.optimizer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Holds the plaintext an inner transport passes on with the end of its handshake (obfs4's server
 * may send data in the same segment as its reply) until the mode's own handlers are behind it: the
 * Optimizer hands the mode a channel with auto-read off, and the mode's turning auto-read on is the
 * first {@code read} that passes here; what was held goes on then, in order, and this handler leaves.
 */
final class HeldPlaintext extends ChannelDuplexHandler {
    static final String NAME = "optimizer-held-plaintext";

    private final Queue<Object> held = new ArrayDeque<>();
    private boolean inputEnded;

    static void install(Channel channel) {
        channel.pipeline().addLast(NAME, new HeldPlaintext());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        held.add(msg);
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        Queue<Object> out = new ArrayDeque<>(held);
        held.clear();
        ctx.pipeline().remove(this);
        Object msg;
        while ((msg = out.poll()) != null) {
            ctx.fireChannelRead(msg);
        }
        if (inputEnded) {
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
        ctx.read();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // Only what was never passed on (the channel closed before the mode took it).
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
