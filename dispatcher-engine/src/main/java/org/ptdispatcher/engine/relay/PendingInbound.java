package org.ptdispatcher.engine.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.ptdispatcher.engine.log.OutOfMemoryExit;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Holds what a channel receives while its peer is not connected yet (bytes an application sends
 * right behind its SOCKS request, plaintext that arrives with the end of a transport handshake).
 * The first message stops reading, so what waits here is at most one read; {@link Relay#start}
 * hands it to the peer in order.
 */
public final class PendingInbound extends ChannelInboundHandlerAdapter {
    public static final String NAME = "pending-inbound";

    private final Queue<Object> waiting = new ArrayDeque<>();
    private boolean inputEnded;

    /** Adds a new one at the end of {@code channel}'s pipeline. */
    public static void install(Channel channel) {
        channel.pipeline().addLast(NAME, new PendingInbound());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        waiting.add(msg);
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        OutOfMemoryExit.ifCausedBy(cause, "a connection being set up");
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        Object msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Takes the waiting messages (the caller now owns them). */
    Queue<Object> drain() {
        Queue<Object> out = new ArrayDeque<>(waiting);
        waiting.clear();
        return out;
    }

    boolean inputEnded() {
        return inputEnded;
    }
}
