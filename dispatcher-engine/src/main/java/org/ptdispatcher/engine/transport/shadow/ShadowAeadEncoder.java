package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sending half of a Shadowsocks AEAD TCP stream: takes plaintext {@code ByteBuf}s and writes
 * the wire bytes: the salt once, then chunks of at most {@link #MAX_PAYLOAD} plaintext bytes,
 * each {@code [sealed 2-byte big-endian length][sealed payload]}. One write becomes one output
 * buffer, whatever the number of chunks; each write's promise is the promise of that buffer.
 *
 * <p>A client's address header is held back for a moment ({@link #HEADER_DELAY_MILLIS}) so it
 * travels in one chunk with the application's first bytes, as shadowsocks-libev sends it; a
 * first packet of constant size would be a fingerprint. If the application says nothing
 * (server-speaks-first protocols) the header goes alone when the delay ends.
 */
final class ShadowAeadEncoder extends ChannelOutboundHandlerAdapter {
    /** The largest payload of one chunk (the length's top two bits are reserved). */
    static final int MAX_PAYLOAD = 0x3FFF;
    /** How long a client's address header waits for the application's first bytes. */
    static final long HEADER_DELAY_MILLIS = 10;

    private static final int CHUNK_OVERHEAD = 2 + 2 * ShadowCipher.TAG_SIZE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ShadowCipher cipher;
    private final byte[] masterKey;
    private final ShadowBuffers buffers;
    private byte[] salt;
    private ShadowAead sealer;
    private ByteBuf pendingHeader;
    private ByteBuf scratch;
    private ScheduledFuture<?> headerTimer;

    /**
     * @param header the plaintext that must start the stream (a client's address header), or null
     */
    ShadowAeadEncoder(ShadowCipher cipher, byte[] masterKey, ByteBuf header, ShadowBuffers buffers) {
        this.cipher = cipher;
        this.masterKey = masterKey;
        this.pendingHeader = header;
        this.buffers = buffers;
    }

    /** For tests: a fixed salt instead of a random one. */
    ShadowAeadEncoder withSalt(byte[] fixedSalt) {
        this.salt = fixedSalt.clone();
        return this;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (pendingHeader != null) {
            headerTimer = ctx.executor().schedule(() -> sendHeader(ctx), HEADER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (headerTimer != null) {
            headerTimer.cancel(false);
        }
        if (pendingHeader != null) {
            pendingHeader.release();
            pendingHeader = null;
        }
        if (scratch != null) {
            scratch.release();
            scratch = null;
        }
    }

    private void sendHeader(ChannelHandlerContext ctx) {
        if (pendingHeader != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(encode(ctx, Unpooled.EMPTY_BUFFER));
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf plaintext)) {
            ctx.write(msg, promise);
            return;
        }
        if (!plaintext.isReadable() && pendingHeader == null) {
            ctx.write(plaintext, promise);
            return;
        }
        ByteBuf wire;
        try {
            wire = encode(ctx, plaintext);
        } catch (RuntimeException e) {
            promise.tryFailure(e);
            return;
        } finally {
            ReferenceCountUtil.release(plaintext);
        }
        ctx.write(wire, promise);
    }

    /** The wire bytes for {@code plaintext} (not released here), with the salt and held-back header first if they are still due. */
    private ByteBuf encode(ChannelHandlerContext ctx, ByteBuf plaintext) {
        ByteBuf header = pendingHeader;
        pendingHeader = null;
        if (headerTimer != null) {
            headerTimer.cancel(false);
            headerTimer = null;
        }
        int headerLength = header == null ? 0 : header.readableBytes();
        int total = headerLength + plaintext.readableBytes();
        int chunks = (total + MAX_PAYLOAD - 1) / MAX_PAYLOAD;
        int saltLength = sealer == null ? cipher.saltSize() : 0;
        ByteBuf out = buffers.allocate(ctx.alloc(), saltLength + total + chunks * CHUNK_OVERHEAD);
        try {
            if (sealer == null) {
                if (salt == null) {
                    salt = new byte[cipher.saltSize()];
                    RANDOM.nextBytes(salt);
                }
                out.writeBytes(salt);
                sealer = ShadowAead.sealer(cipher, ShadowKeys.subkey(masterKey, salt));
            }
            if (header != null) {
                // The first chunk: the header, then as much of the plaintext as fits.
                int fromPlaintext = Math.min(plaintext.readableBytes(), MAX_PAYLOAD - headerLength);
                ByteBuf first = ctx.alloc().heapBuffer(headerLength + fromPlaintext);
                try {
                    first.writeBytes(header);
                    first.writeBytes(plaintext, plaintext.readerIndex(), fromPlaintext);
                    sealChunk(ctx, first, first.readerIndex(), first.readableBytes(), out);
                } finally {
                    first.release();
                }
                plaintext.skipBytes(fromPlaintext);
            }
            while (plaintext.isReadable()) {
                int n = Math.min(plaintext.readableBytes(), MAX_PAYLOAD);
                sealChunk(ctx, plaintext, plaintext.readerIndex(), n, out);
                plaintext.skipBytes(n);
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            if (header != null) {
                header.release();
            }
        }
    }

    private void sealChunk(ChannelHandlerContext ctx, ByteBuf src, int index, int length, ByteBuf out) {
        int at = out.writerIndex();
        out.ensureWritable(CHUNK_OVERHEAD + length);
        ByteBuf lengthBytes = scratch(ctx);
        lengthBytes.setShort(0, length);
        sealer.seal(lengthBytes, 0, 2, out, at);
        at += 2 + ShadowCipher.TAG_SIZE;
        if (out.hasArray() && !src.hasArray()) {
            // The JDK's AEAD is fastest on arrays: copy the payload over first.
            ByteBuf copy = scratch(ctx);
            copy.setBytes(0, src, index, length);
            sealer.seal(copy, 0, length, out, at);
        } else {
            sealer.seal(src, index, length, out, at);
        }
        out.writerIndex(at + length + ShadowCipher.TAG_SIZE);
    }

    private ByteBuf scratch(ChannelHandlerContext ctx) {
        if (scratch == null) {
            scratch = Unpooled.buffer(MAX_PAYLOAD, MAX_PAYLOAD);
            scratch.writerIndex(MAX_PAYLOAD);
        }
        return scratch;
    }
}
