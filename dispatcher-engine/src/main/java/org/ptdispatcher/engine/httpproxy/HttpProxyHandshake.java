package org.ptdispatcher.engine.httpproxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.log.EngineLog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server side of an HTTP proxy request on a client's listener: reads the head (at most
 * {@link HttpProxyHead#MAX_LENGTH} bytes, within the same time as a SOCKS handshake), answers a
 * malformed one with its status and a close, and hands a good one to its {@link Listener}, having
 * stopped reading and removed itself (bytes the application sent behind the head, a request body,
 * pass on down the pipeline).
 */
public final class HttpProxyHandshake extends ByteToMessageDecoder {
    private static final System.Logger LOG = EngineLog.logger(HttpProxyHandshake.class);
    /** How long a refused client may go on sending before the connection is closed under it. */
    private static final Duration LINGER = Duration.ofSeconds(2);

    /** Told of each complete request; it opens the tunnel and answers. */
    public interface Listener {
        void connect(ChannelHandlerContext ctx, HttpProxyRequest request);
    }

    private final Listener listener;
    private final Duration timeout;
    private ScheduledFuture<?> timer;
    private boolean done;
    /** How far the search for the head's end has read, and what it saw there (so each byte is read once). */
    private int scanned;
    private int lineLength;
    private boolean sawRequestLine;

    public HttpProxyHandshake(Listener listener, Duration timeout) {
        this.listener = listener;
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> timedOut(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        finish();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes()); // a refused client's further bytes, until the close
            return;
        }
        int headLength = headLength(in);
        if (headLength < 0) {
            if (in.readableBytes() >= HttpProxyHead.MAX_LENGTH) {
                refuse(ctx, in, new HttpProxyRefusal(HttpStatus.HEADERS_TOO_LARGE, "the head is longer than "
                        + HttpProxyHead.MAX_LENGTH + " bytes"));
            }
            return;
        }
        String head = in.toString(in.readerIndex(), headLength, StandardCharsets.ISO_8859_1);
        HttpProxyRequest request;
        try {
            request = HttpProxyHead.parse(head);
        } catch (HttpProxyRefusal refusal) {
            refuse(ctx, in, refusal);
            return;
        }
        in.skipBytes(headLength);
        finish();
        ctx.channel().config().setAutoRead(false);
        ctx.pipeline().remove(this);
        listener.connect(ctx, request);
    }

    /** The length of the head up to and including its empty line, or -1 while it is incomplete. */
    private int headLength(ByteBuf in) {
        int limit = Math.min(in.readableBytes(), HttpProxyHead.MAX_LENGTH);
        for (; scanned < limit; scanned++) {
            byte b = in.getByte(in.readerIndex() + scanned);
            if (b == '\n') {
                if (lineLength == 0 && sawRequestLine) {
                    return ++scanned;
                }
                sawRequestLine |= lineLength > 0;
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return -1;
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, HttpProxyRefusal refusal) {
        LOG.log(System.Logger.Level.DEBUG, "HTTP proxy request from " + ctx.channel().remoteAddress() + " refused ("
                + refusal.status().code() + "): " + refusal.getMessage());
        finish();
        in.skipBytes(in.readableBytes());
        lingeringClose(ctx, refusal.status());
    }

    /**
     * Sends {@code status}, ends the output, and reads (and drops) what the client still sends
     * until it ends or {@link #LINGER} passes: closing with unread input would make the kernel send
     * a reset, which can destroy the reply before the client has read it (RFC 9112, 9.6).
     */
    private void lingeringClose(ChannelHandlerContext ctx, HttpStatus status) {
        if (!(ctx.channel() instanceof DuplexChannel duplex)) {
            status.writeAndClose(ctx.channel());
            return;
        }
        status.write(ctx.channel()).addListener(written -> {
            if (!written.isSuccess() || !duplex.isActive()) {
                ctx.close();
                return;
            }
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), LINGER.toNanos(), TimeUnit.NANOSECONDS);
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (done && evt instanceof ChannelInputShutdownEvent) {
            ctx.close(); // a refused client has stopped sending: the lingering close is over
        }
        super.userEventTriggered(ctx, evt);
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (done) {
            return;
        }
        finish();
        LOG.log(System.Logger.Level.DEBUG, "HTTP proxy request from " + ctx.channel().remoteAddress() + " timed out");
        lingeringClose(ctx, HttpStatus.REQUEST_TIMEOUT);
    }

    private void finish() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
