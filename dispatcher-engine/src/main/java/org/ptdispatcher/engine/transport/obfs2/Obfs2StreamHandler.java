package org.ptdispatcher.engine.transport.obfs2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * obfs2's data phase: every byte is AES-128-CTR, one key stream per direction, keyed by the
 * {@link Obfs2HandshakeHandler} in front of it once the handshake is done. There is no
 * authentication at all: this is obfuscation against a passive observer only. Until it is keyed
 * it refuses writes (nothing may go out before the handshake) and sees no reads (the handshake
 * handler holds them).
 */
final class Obfs2StreamHandler extends ChannelDuplexHandler {
    private Cipher sending;
    private Cipher receiving;

    void key(Cipher sending, Cipher receiving) {
        this.sending = sending;
        this.receiving = receiving;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ctx.fireChannelRead(apply(ctx, receiving, bytes));
        } finally {
            bytes.release();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf plaintext) || !plaintext.isReadable()) {
            ctx.write(msg, promise);
            return;
        }
        if (sending == null) {
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new IllegalStateException("obfs2: write before the handshake finished"));
            return;
        }
        try {
            ctx.write(apply(ctx, sending, plaintext), promise);
        } finally {
            plaintext.release();
        }
    }

    private static ByteBuf apply(ChannelHandlerContext ctx, Cipher cipher, ByteBuf in) {
        int n = in.readableBytes();
        ByteBuf out = ctx.alloc().buffer(n);
        try {
            cipher.update(in.nioBuffer(), out.nioBuffer(0, n));
        } catch (ShortBufferException e) {
            out.release();
            throw new IllegalStateException(e);
        }
        out.writerIndex(n);
        return out;
    }
}
