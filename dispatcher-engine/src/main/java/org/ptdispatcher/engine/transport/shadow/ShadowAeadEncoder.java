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
 * the wire bytes: the salt once, then chunks of at most {@link #SEND_PAYLOAD} plaintext bytes,
 * each {@code [sealed 2-byte big-endian length][sealed payload]}. One write becomes one output
 * buffer (direct, ready for the socket), whatever the number of chunks; each write's promise is
 * the promise of that buffer.
 *
 * <p>The crypto runs on two arrays of the thread's {@link ShadowScratch} (plaintext in, sealed
 * out), used within one write: an idle connection holds none.
 *
 * <p>A client's address header is held back for a moment ({@link #HEADER_DELAY_MILLIS}) so it
 * travels in one chunk with the application's first bytes, as shadowsocks-libev sends it; a
 * first packet of constant size would be a fingerprint. If the application says nothing
 * (server-speaks-first protocols) the header goes alone when the delay ends.
 *
 * <p>With a {@link Sip022Stream} (a 2022 method) the salt is followed by that edition's headers,
 * each sealed as a chunk of its own, in the same write as the salt (SIP022 3.1.4): a client's
 * fixed header and variable header (the address, padding when there is no payload yet, and the
 * first payload), or a server's fixed header announcing its first payload chunk. Chunks then
 * carry up to {@link #SEND_PAYLOAD_2022} bytes.
 */
final class ShadowAeadEncoder extends ChannelOutboundHandlerAdapter {
    /** The largest payload of one chunk the format allows (the length's top two bits are reserved). */
    static final int MAX_PAYLOAD = 0x3FFF;
    /**
     * The largest payload this encoder sends: 0x3FF0, a whole number of 16-byte blocks. The JDK's
     * AES-GCM hashes a final partial block in plain Java, one bit at a time (only whole blocks
     * go through its GHASH intrinsic), so 0x3FFF-byte chunks would cost a slow block each.
     */
    static final int SEND_PAYLOAD = 0x3FF0;
    /** The same for the 2022 methods, whose chunks may carry up to 0xFFFF bytes: 0xFFF0, whole blocks. */
    static final int SEND_PAYLOAD_2022 = 0xFFF0;
    /** How long a client's address header waits for the application's first bytes. */
    static final long HEADER_DELAY_MILLIS = 10;

    private static final int LENGTH_BLOCK = 2 + ShadowCipher.TAG_SIZE;
    private static final int CHUNK_OVERHEAD = LENGTH_BLOCK + ShadowCipher.TAG_SIZE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ShadowCipher cipher;
    private final byte[] masterKey;
    /** The 2022 edition's state, or null for the AEAD edition. */
    private final Sip022Stream sip022;
    private byte[] salt;
    private ShadowAead sealer;
    private ByteBuf pendingHeader;
    private ScheduledFuture<?> headerTimer;

    /**
     * @param header the plaintext that must start the stream (a client's address header), or null
     */
    ShadowAeadEncoder(ShadowCipher cipher, byte[] masterKey, ByteBuf header) {
        this(cipher, masterKey, header, null);
    }

    /**
     * @param key    the master key, or a 2022 method's PSK
     * @param sip022 the 2022 edition's state of this connection, or null for the AEAD edition
     */
    ShadowAeadEncoder(ShadowCipher cipher, byte[] key, ByteBuf header, Sip022Stream sip022) {
        this.cipher = cipher;
        this.masterKey = key;
        this.pendingHeader = header;
        this.sip022 = sip022;
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
        ShadowScratch scratch = ShadowScratch.get();
        byte[] plain = scratch.plain;
        byte[] sealed = scratch.sealed;
        int headerLength = header == null ? 0 : header.readableBytes();
        int total = headerLength + plaintext.readableBytes();
        int sendPayload = sip022 == null ? SEND_PAYLOAD : SEND_PAYLOAD_2022;
        int chunks = (total + sendPayload - 1) / sendPayload;
        boolean first = sealer == null;
        // The 2022 start adds a fixed header chunk and maybe padding (the buffer grows if a guess is short).
        int startLength = !first ? 0 : cipher.saltSize() + (sip022 == null ? 0 : 2 * CHUNK_OVERHEAD + 64 + Sip022Stream.MAX_PADDING);
        ByteBuf out = ctx.alloc().directBuffer(startLength + total + chunks * CHUNK_OVERHEAD);
        try {
            if (first) {
                if (salt == null) {
                    salt = new byte[cipher.saltSize()];
                    RANDOM.nextBytes(salt);
                }
                out.writeBytes(salt);
                if (sip022 == null) {
                    sealer = ShadowAead.sealer(cipher, ShadowKeys.subkey(masterKey, salt));
                } else {
                    sealer = ShadowAead.sealer(cipher, ShadowKeys.sip022Subkey(masterKey, salt));
                    if (sip022.isClient()) {
                        // The response must name this salt; the decoder checks it there.
                        sip022.requestSalt(salt);
                    }
                }
            }
            if (first && sip022 != null) {
                startSip022(header, plaintext, plain, sealed, out);
            } else if (header != null) {
                // The first chunk: the header, then as much of the plaintext as fits.
                int fromPlaintext = Math.min(plaintext.readableBytes(), SEND_PAYLOAD - headerLength);
                header.readBytes(plain, 0, headerLength);
                plaintext.readBytes(plain, headerLength, fromPlaintext);
                sealChunk(plain, headerLength + fromPlaintext, sealed, out);
            }
            while (plaintext.isReadable()) {
                int n = Math.min(plaintext.readableBytes(), sendPayload);
                plaintext.readBytes(plain, 0, n);
                sealChunk(plain, n, sealed, out);
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

    /**
     * The 2022 edition's headers after the salt. A client's: the fixed header, then the variable
     * header with the address, padding only when no payload is here yet (SIP022 3.1.4: one or the
     * other must be), and as much payload as fits. A server's: the fixed header with the request
     * salt and the first payload chunk's length, then that chunk.
     */
    private void startSip022(ByteBuf header, ByteBuf plaintext, byte[] plain, byte[] sealed, ByteBuf out) {
        byte[] fixed = new byte[sip022.sentFixedLength()];
        int variableLength;
        if (sip022.isClient()) {
            int addressLength = header.readableBytes();
            int fromPlaintext = Math.min(plaintext.readableBytes(), Sip022Stream.MAX_PAYLOAD - addressLength - 2);
            int padding = fromPlaintext == 0 ? sip022.paddingForEmptyRequest() : 0;
            header.readBytes(plain, 0, addressLength);
            plain[addressLength] = (byte) (padding >>> 8);
            plain[addressLength + 1] = (byte) padding;
            // Zeros: the padding is sealed like the rest, only its length matters.
            java.util.Arrays.fill(plain, addressLength + 2, addressLength + 2 + padding, (byte) 0);
            plaintext.readBytes(plain, addressLength + 2 + padding, fromPlaintext);
            variableLength = addressLength + 2 + padding + fromPlaintext;
        } else {
            variableLength = Math.min(plaintext.readableBytes(), SEND_PAYLOAD_2022);
            plaintext.readBytes(plain, 0, variableLength);
        }
        int fixedLength = sip022.writeFixedHeader(variableLength, fixed);
        sealer.seal(fixed, 0, fixedLength, sealed, 0);
        out.writeBytes(sealed, 0, fixedLength + ShadowCipher.TAG_SIZE);
        sealer.seal(plain, 0, variableLength, sealed, 0);
        out.writeBytes(sealed, 0, variableLength + ShadowCipher.TAG_SIZE);
    }

    /** Seals the first {@code length} bytes of {@code plain} as one chunk onto {@code out}, by way of {@code sealed}. */
    private void sealChunk(byte[] plain, int length, byte[] sealed, ByteBuf out) {
        sealer.sealLength(length, sealed, 0);
        out.writeBytes(sealed, 0, LENGTH_BLOCK);
        sealer.seal(plain, 0, length, sealed, 0);
        out.writeBytes(sealed, 0, length + ShadowCipher.TAG_SIZE);
    }
}
