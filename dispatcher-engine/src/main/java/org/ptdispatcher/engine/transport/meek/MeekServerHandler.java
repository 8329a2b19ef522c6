package org.ptdispatcher.engine.transport.meek;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.transport.SessionTransportServer.SessionAcceptor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP connection to the server (from the reverse proxy, or a client straight): each request
 * answered as meek-server's handler does: a POST with an {@code X-Session-Id} of at least 8
 * characters is a piece of that session ({@link MeekSession}); a GET gets {@link WebServerPages};
 * anything else a 400. One request at a time: the next is read once the answer is out. A connection
 * that brings no request for {@link #IDLE_TIMEOUT} is closed (meek-server's read timeout).
 */
final class MeekServerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
    /** Shorter ids are refused, a weak defence against clients that send an empty or fixed one (meek-server's). */
    static final int MIN_SESSION_ID_LENGTH = 8;

    private final MeekSessions sessions;
    private final SessionAcceptor acceptor;
    private ScheduledFuture<?> idle;

    MeekServerHandler(MeekSessions sessions, SessionAcceptor acceptor) {
        this.sessions = sessions;
        this.acceptor = acceptor;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        restartIdleClock(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        cancelIdleClock();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            ctx.writeAndFlush(WebServerPages.malformed()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (request.method().equals(HttpMethod.POST)) {
            post(ctx, request, keepAlive);
        } else if (request.method().equals(HttpMethod.GET)) {
            String uri = request.uri();
            int query = uri.indexOf('?');
            respond(ctx, WebServerPages.get(query < 0 ? uri : uri.substring(0, query)), keepAlive);
        } else {
            respond(ctx, WebServerPages.badRequest(), keepAlive);
        }
    }

    private void post(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        String id = request.headers().get(MeekRequest.SESSION_HEADER);
        if (id == null || id.length() < MIN_SESSION_ID_LENGTH) {
            respond(ctx, WebServerPages.badRequest(), keepAlive);
            return;
        }
        InetAddress client = OriginalClientAddress.fromHeaders(request.headers()).orElseGet(() -> inet(ctx.channel().remoteAddress()).getAddress());
        MeekSession session = sessions.session(id, ctx.channel().eventLoop(), inet(ctx.channel().localAddress()), client, acceptor);
        // The answer may take a while (the target's backpressure): nothing more is read meanwhile.
        ctx.channel().config().setAutoRead(false);
        EventLoop connectionLoop = ctx.channel().eventLoop();
        session.transact(request.content().retain(), bytes -> connectionLoop.execute(() -> {
            if (!ctx.channel().isActive()) {
                bytes.ifPresent(io.netty.buffer.ByteBuf::release);
                return;
            }
            ctx.channel().config().setAutoRead(true);
            respond(ctx, bytes.map(WebServerPages::data).orElseGet(WebServerPages::internalError), keepAlive);
        }));
    }

    /** A socket's address; a channel without one (a test's) counts as loopback. */
    private static InetSocketAddress inet(java.net.SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            ctx.writeAndFlush(response);
            restartIdleClock(ctx);
        } else {
            response.headers().set("Connection", "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelIdleClock();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void restartIdleClock(ChannelHandlerContext ctx) {
        cancelIdleClock();
        idle = ctx.executor().schedule(() -> {
            ctx.close();
        }, IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelIdleClock() {
        if (idle != null) {
            idle.cancel(false);
            idle = null;
        }
    }
}
