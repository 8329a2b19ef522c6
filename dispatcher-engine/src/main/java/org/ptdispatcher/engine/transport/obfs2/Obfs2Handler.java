package org.ptdispatcher.engine.transport.obfs2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * One obfs2 connection, either side. Both sides send at once
 * {@code SEED | E(PAD_KEY, MAGIC | PADLEN | PADDING)}; each reads the other's seed, checks the
 * magic number and padding length, skips the padding, and derives the data keys from both
 * seeds. Afterwards every byte is AES-128-CTR, one key stream per direction. There is no
 * authentication at all: this is obfuscation against a passive observer only.
 */
final class Obfs2Handler extends ChannelDuplexHandler {
    static final int SEED_LENGTH = 16;
    static final int MAGIC = 0x2bf5ca7e;
    static final int MAX_PADDING = 8192;
    static final long HANDSHAKE_TIMEOUT_SECONDS = 30;

    private enum State { SEED, HEADER, PADDING, DATA, FAILED }

    private final boolean initiator;
    private final Promise<Void> done;
    private final SecureRandom random;
    private final byte[] seed = new byte[SEED_LENGTH];
    private Cipher sending;
    private Cipher receiving;
    private byte[] peerSeed;
    private State state = State.SEED;
    private int paddingLeft;
    private ByteBuf received;

    /** @param done succeeded when data may flow; failed (and the channel closed) on a bad handshake */
    Obfs2Handler(boolean initiator, Promise<Void> done, SecureRandom random) {
        this.initiator = initiator;
        this.done = done;
        this.random = random;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (!done.isDone()) {
                fail(ctx, "obfs2 handshake timed out");
            }
        }, HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (ctx.channel().isActive()) {
            sendHandshake(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sendHandshake(ctx);
        ctx.fireChannelActive();
    }

    private void sendHandshake(ChannelHandlerContext ctx) {
        if (sending != null) {
            return;
        }
        random.nextBytes(seed);
        sending = Obfs2Keys.cipher(initiator ? Obfs2Keys.INITIATOR_PAD : Obfs2Keys.RESPONDER_PAD, seed);
        int padLength = random.nextInt(MAX_PADDING + 1);
        ByteBuffer header = ByteBuffer.allocate(8 + padLength);
        header.putInt(MAGIC).putInt(padLength);
        byte[] padding = new byte[padLength];
        random.nextBytes(padding);
        header.put(padding).flip();
        byte[] encrypted = sending.update(header.array());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(seed.clone(), encrypted));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (state == State.FAILED) {
            bytes.release();
            return;
        }
        if (state == State.DATA) {
            ctx.fireChannelRead(decrypt(ctx, bytes));
            return;
        }
        received = received == null ? bytes : append(ctx, received, bytes);
        if (state == State.SEED && received.readableBytes() >= SEED_LENGTH) {
            peerSeed = new byte[SEED_LENGTH];
            received.readBytes(peerSeed);
            receiving = Obfs2Keys.cipher(initiator ? Obfs2Keys.RESPONDER_PAD : Obfs2Keys.INITIATOR_PAD, peerSeed);
            state = State.HEADER;
        }
        if (state == State.HEADER && received.readableBytes() >= 8) {
            byte[] header = new byte[8];
            received.readBytes(header);
            ByteBuffer plain = ByteBuffer.wrap(receiving.update(header));
            int magic = plain.getInt();
            long padLength = plain.getInt() & 0xffffffffL;
            if (magic != MAGIC) {
                fail(ctx, "obfs2: wrong magic number (not an obfs2 peer)");
                return;
            }
            if (padLength > MAX_PADDING) {
                fail(ctx, "obfs2: padding length " + padLength + " is over " + MAX_PADDING);
                return;
            }
            paddingLeft = (int) padLength;
            state = State.PADDING;
        }
        if (state == State.PADDING) {
            // The padding is skipped as raw bytes: the reference reads it without decrypting it.
            int skip = Math.min(paddingLeft, received.readableBytes());
            received.skipBytes(skip);
            paddingLeft -= skip;
            if (paddingLeft == 0) {
                establish(ctx);
            }
        }
    }

    private void establish(ChannelHandlerContext ctx) {
        byte[] initiatorSeed = initiator ? seed : peerSeed;
        byte[] responderSeed = initiator ? peerSeed : seed;
        byte[] both = new byte[2 * SEED_LENGTH];
        System.arraycopy(initiatorSeed, 0, both, 0, SEED_LENGTH);
        System.arraycopy(responderSeed, 0, both, SEED_LENGTH, SEED_LENGTH);
        Cipher initiatorData = Obfs2Keys.cipher(Obfs2Keys.INITIATOR_DATA, both);
        Cipher responderData = Obfs2Keys.cipher(Obfs2Keys.RESPONDER_DATA, both);
        sending = initiator ? initiatorData : responderData;
        receiving = initiator ? responderData : initiatorData;
        state = State.DATA;
        ByteBuf rest = received;
        received = null;
        if (rest.isReadable()) {
            ctx.fireChannelRead(decrypt(ctx, rest));
        } else {
            rest.release();
        }
        done.trySuccess(null);
    }

    private ByteBuf decrypt(ChannelHandlerContext ctx, ByteBuf in) {
        try {
            return apply(ctx, receiving, in);
        } finally {
            in.release();
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

    private static ByteBuf append(ChannelHandlerContext ctx, ByteBuf cumulation, ByteBuf in) {
        ByteBuf bigger = ctx.alloc().buffer(cumulation.readableBytes() + in.readableBytes());
        bigger.writeBytes(cumulation).writeBytes(in);
        cumulation.release();
        in.release();
        return bigger;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf plaintext) || !plaintext.isReadable()) {
            ctx.write(msg, promise);
            return;
        }
        if (state != State.DATA) {
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

    private void fail(ChannelHandlerContext ctx, String why) {
        state = State.FAILED;
        if (received != null) {
            received.release();
            received = null;
        }
        done.tryFailure(new Obfs2HandshakeException(why));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done.tryFailure(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    /** Why an obfs2 handshake failed. */
    static final class Obfs2HandshakeException extends Exception {
        Obfs2HandshakeException(String message) {
            super(message, null, false, false);
        }
    }
}
