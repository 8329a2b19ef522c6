package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

import java.util.Optional;

/**
 * {@link HttpUpgradeClientHandshake} on a channel: sends the request through {@code encoder},
 * reads the answer from {@code decoder}, and on a 101 takes the HTTP codec and itself out of the
 * pipeline, so what follows (including bytes that came in the same read as the answer) passes on
 * as the tunnel's plaintext. Anything else fails {@code handshakeDone} with the reason and closes.
 */
final class HttpUpgradeClientHandler extends ChannelInboundHandlerAdapter {
    private final String requestPath;
    private final String hostHeader;
    private final ChannelHandler encoder;
    private final ChannelHandler decoder;
    private final Promise<Void> handshakeDone;
    private boolean switched;

    HttpUpgradeClientHandler(String requestPath, String hostHeader, ChannelHandler encoder, ChannelHandler decoder, Promise<Void> handshakeDone) {
        this.requestPath = requestPath;
        this.hostHeader = hostHeader;
        this.encoder = encoder;
        this.decoder = decoder;
        this.handshakeDone = handshakeDone;
    }

    /** Added to a connected channel: the request goes at once (a TLS handler before it holds it until its handshake is done). */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(HttpUpgradeClientHandshake.request(requestPath, hostHeader)).addListener(written -> {
            if (!written.isSuccess()) {
                fail(ctx, "cannot send the upgrade request: " + written.cause().getMessage());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            // Tunnel bytes the decoder passed on after the 101 (or released when it left the
            // pipeline); after a 101 this client refused (the fuzz test's finding), nothing is.
            if (switched) {
                ctx.fireChannelRead(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        try {
            if (handshakeDone.isDone()) {
                // Refused already: what the decoder still finds in the same read (a second response
                // after a 1xx, the fuzz test's finding) is not an answer, and nothing passes on.
                return;
            }
            if (msg instanceof HttpResponse response) {
                Optional<String> refusal = HttpUpgradeClientHandshake.refusal(response);
                if (refusal.isPresent()) {
                    fail(ctx, refusal.get());
                    return;
                }
                switched = true;
            }
            if (msg instanceof LastHttpContent && switched) {
                ctx.pipeline().remove(decoder);
                ctx.pipeline().remove(encoder);
                ctx.pipeline().remove(this);
                handshakeDone.trySuccess(null);
            } else if (!(msg instanceof HttpResponse) && !(msg instanceof HttpContent)) {
                fail(ctx, "unexpected " + msg.getClass().getSimpleName() + " during the upgrade");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            fail(ctx, "TLS: " + completion.cause().getMessage());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshakeDone.tryFailure(new WebTunnelException("the server closed the connection before it answered the upgrade"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, String.valueOf(cause.getMessage()));
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        handshakeDone.tryFailure(new WebTunnelException(reason));
        ctx.close();
    }
}
