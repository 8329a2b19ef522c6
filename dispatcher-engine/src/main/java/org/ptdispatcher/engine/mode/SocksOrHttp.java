package org.ptdispatcher.engine.mode;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.httpproxy.HttpProxyHandshake;
import org.ptdispatcher.engine.socks.Socks5ServerHandshake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first byte of a connection to a client's SOCKS listener tells what the application
 * speaks: an HTTP method starts with an upper-case letter, which no SOCKS version byte is, so
 * HTTP proxy requests and SOCKS 5 share one port (as "mixed" ports of other proxies do; programs
 * and systems that take only HTTP proxies use the same address). Everything else is SOCKS, as
 * before. The handshake chosen gets what is left of the one handshake time.
 */
final class SocksOrHttp extends ByteToMessageDecoder {
    private final Duration timeout;
    private final Socks5ServerHandshake.Listener socks;
    private final HttpProxyHandshake.Listener http;
    private long started;
    private ScheduledFuture<?> timer;

    SocksOrHttp(Duration timeout, Socks5ServerHandshake.Listener socks, HttpProxyHandshake.Listener http) {
        this.timeout = timeout;
        this.socks = socks;
        this.http = http;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        started = System.nanoTime();
        Runnable close = ctx::close; // nothing has come within the handshake time
        timer = ctx.executor().schedule(close, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        timer.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        byte first = in.getByte(in.readerIndex());
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        ChannelHandler handshake = first >= 'A' && first <= 'Z' ? new HttpProxyHandshake(http, left) : new Socks5ServerHandshake(socks, left);
        // Added behind this decoder, which hands it the bytes read so far as it is removed.
        ctx.pipeline().addAfter(ctx.name(), null, handshake);
        ctx.pipeline().remove(this);
    }
}
