package org.ptdispatcher.engine.transport.meek;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

import java.nio.channels.ClosedChannelException;

/**
 * The client's end of one HTTP connection: each response's status and body (at most 64 KiB of it,
 * as lyrebird reads; a longer one is cut there and the connection not used again) to the poller.
 */
final class MeekResponseHandler extends ChannelInboundHandlerAdapter {

    /** What the poller hears of its connection. */
    interface Listener {
        /** A whole response; {@code body} is the listener's to release. */
        void response(Channel connection, int status, ByteBuf body, boolean reusable);

        /** The connection failed or closed. */
        void failed(Channel connection, Throwable cause);
    }

    private final Listener listener;
    private CompositeByteBuf body;
    private int status;
    private boolean reusable;

    MeekResponseHandler(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                status = response.status().code();
                reusable = HttpUtil.isKeepAlive(response);
                releaseBody();
                body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            if (msg instanceof HttpContent content && body != null) {
                ByteBuf bytes = content.content();
                int room = MeekRequest.MAX_PAYLOAD - body.readableBytes();
                if (bytes.readableBytes() > room) {
                    reusable = false;
                }
                int n = Math.min(room, bytes.readableBytes());
                if (n > 0) {
                    body.addComponent(true, bytes.retainedSlice(bytes.readerIndex(), n));
                }
                if (msg instanceof LastHttpContent) {
                    CompositeByteBuf whole = body;
                    body = null;
                    listener.response(ctx.channel(), status, whole, reusable);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A TLS handshake that failed says why before the connection closes. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            listener.failed(ctx.channel(), done.cause());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseBody();
        listener.failed(ctx.channel(), new ClosedChannelException());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        releaseBody();
        listener.failed(ctx.channel(), cause);
        ctx.close();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
