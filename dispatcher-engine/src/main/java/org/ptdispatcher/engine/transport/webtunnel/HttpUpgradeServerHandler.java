package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.ClientAddress;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpUpgradeServerHandshake} on an accepted channel, as a web server behaves: requests
 * one after another on a kept-alive connection, each answered with the decoy page, until one is
 * the tunnel's upgrade; then the 101 goes out, the HTTP codec and this handler leave the
 * pipeline, and the rest of the connection is the tunnel. A connection that sends no complete
 * request for {@link #IDLE_TIMEOUT} is closed, as nginx closes one ({@code client_header_timeout}).
 */
final class HttpUpgradeServerHandler extends ChannelInboundHandlerAdapter {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The port USERADDR carries with a forwarded address, which has none: webtunnel 0.0.7's choice,
     * kept so that tor sees the same from either server.
     */
    static final int FORWARDED_PORT = 60000;

    private enum State { READING, SKIPPING_BODY, UPGRADING, CLOSING }

    private final HttpUpgradeServerHandshake handshake;
    private final ChannelHandler decoder;
    private final ChannelHandler encoder;
    private final Promise<Optional<HostPort>> handshakeDone;
    private State state = State.READING;
    private ScheduledFuture<?> idle;

    HttpUpgradeServerHandler(HttpUpgradeServerHandshake handshake, ChannelHandler decoder, ChannelHandler encoder,
                             Promise<Optional<HostPort>> handshakeDone) {
        this.handshake = handshake;
        this.decoder = decoder;
        this.encoder = encoder;
        this.handshakeDone = handshakeDone;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        restartIdleClock(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            // Tunnel bytes that came with the upgrade request, passed on by the decoder as it left.
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (msg instanceof HttpRequest request && state == State.READING) {
                answer(ctx, request);
            }
            if (msg instanceof LastHttpContent) {
                if (state == State.UPGRADING) {
                    switchToTunnel(ctx);
                } else if (state == State.SKIPPING_BODY) {
                    state = State.READING;
                }
            } else if (!(msg instanceof HttpRequest) && !(msg instanceof HttpContent)) {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request) {
        HttpUpgradeServerHandshake.Answer answer = handshake.answer(request);
        if (answer instanceof HttpUpgradeServerHandshake.Answer.Upgrade upgrade) {
            cancelIdleClock();
            upgrade.forwardedFor().ifPresent(address -> ClientAddress.setForwarded(ctx.channel(), forwarded(address)));
            state = State.UPGRADING;
            ctx.writeAndFlush(HttpUpgradeServerHandshake.switchingProtocols());
        } else if (answer instanceof HttpUpgradeServerHandshake.Answer.Decoy decoy) {
            restartIdleClock(ctx);
            FullHttpResponse response = decoy.response();
            if (HttpUtil.isKeepAlive(request)) {
                state = State.SKIPPING_BODY;
                ctx.writeAndFlush(response);
            } else {
                state = State.CLOSING;
                response.headers().set("Connection", "close");
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        } else if (answer instanceof HttpUpgradeServerHandshake.Answer.Malformed malformed) {
            state = State.CLOSING;
            ctx.writeAndFlush(malformed.response()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static HostPort forwarded(InetAddress address) {
        return new HostPort(address.getHostAddress(), FORWARDED_PORT);
    }

    /** Called on the end of the upgrade request: the decoder passes on what it holds as it leaves. */
    private void switchToTunnel(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(decoder);
        ctx.pipeline().remove(encoder);
        ctx.pipeline().remove(this);
        handshakeDone.trySuccess(Optional.empty());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelIdleClock();
        handshakeDone.tryFailure(new WebTunnelException("the connection closed without the tunnel's upgrade request"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshakeDone.tryFailure(new WebTunnelException(String.valueOf(cause.getMessage())));
        ctx.close();
    }

    private void restartIdleClock(ChannelHandlerContext ctx) {
        cancelIdleClock();
        idle = ctx.executor().schedule(() -> {
            handshakeDone.tryFailure(new WebTunnelException("no upgrade request within " + IDLE_TIMEOUT.toSeconds() + " s"));
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
