package org.ptdispatcher.engine.transport.obfs2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Promise;

import javax.crypto.Cipher;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * obfs2's handshake, either side. Both sides send at once
 * {@code SEED | E(PAD_KEY, MAGIC | PADLEN | PADDING)}; each reads the other's seed, checks the
 * magic number and padding length, skips the padding, and derives the data keys from both
 * seeds, with which it keys the {@link Obfs2StreamHandler} behind it; then it removes itself.
 * What arrived behind the peer's padding stays in the decoder's cumulation, which Netty hands to
 * the stream handler on removal.
 */
final class Obfs2HandshakeHandler extends ByteToMessageDecoder {
    static final int SEED_LENGTH = 16;
    static final int MAGIC = 0x2bf5ca7e;
    static final int MAX_PADDING = 8192;
    static final long HANDSHAKE_TIMEOUT_SECONDS = 30;
    private static final int HEADER_LENGTH = 8;

    private enum State { SEED, HEADER, PADDING, FAILED }

    private final boolean initiator;
    private final Obfs2StreamHandler stream;
    private final Promise<Void> done;
    private final SecureRandom random;
    private final byte[] seed = new byte[SEED_LENGTH];
    private boolean sent;
    private Cipher peerPadding;
    private byte[] peerSeed;
    private State state = State.SEED;
    private int paddingLeft;
    private boolean established;

    /**
     * @param stream the data phase's handler, right behind this one in the pipeline
     * @param done   succeeded when data may flow; failed (and the channel closed) on a bad handshake
     */
    Obfs2HandshakeHandler(boolean initiator, Obfs2StreamHandler stream, Promise<Void> done, SecureRandom random) {
        this.initiator = initiator;
        this.stream = stream;
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
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        sendHandshake(ctx);
        super.channelActive(ctx);
    }

    private void sendHandshake(ChannelHandlerContext ctx) {
        if (sent) {
            return;
        }
        sent = true;
        random.nextBytes(seed);
        Cipher padding = Obfs2Keys.cipher(initiator ? Obfs2Keys.INITIATOR_PAD : Obfs2Keys.RESPONDER_PAD, seed);
        int padLength = random.nextInt(MAX_PADDING + 1);
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH + padLength);
        header.putInt(MAGIC).putInt(padLength);
        byte[] pad = new byte[padLength];
        random.nextBytes(pad);
        header.put(pad).flip();
        byte[] encrypted = padding.update(header.array());
        // Written from here, in front of the stream handler: these bytes are not data.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(seed.clone(), encrypted));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (state == State.SEED && in.readableBytes() >= SEED_LENGTH) {
            peerSeed = new byte[SEED_LENGTH];
            in.readBytes(peerSeed);
            peerPadding = Obfs2Keys.cipher(initiator ? Obfs2Keys.RESPONDER_PAD : Obfs2Keys.INITIATOR_PAD, peerSeed);
            state = State.HEADER;
        }
        if (state == State.HEADER && in.readableBytes() >= HEADER_LENGTH) {
            byte[] header = new byte[HEADER_LENGTH];
            in.readBytes(header);
            ByteBuffer plain = ByteBuffer.wrap(peerPadding.update(header));
            int magic = plain.getInt();
            long padLength = plain.getInt() & 0xffffffffL;
            if (magic != MAGIC) {
                in.skipBytes(in.readableBytes());
                fail(ctx, "obfs2: wrong magic number (not an obfs2 peer)");
                return;
            }
            if (padLength > MAX_PADDING) {
                in.skipBytes(in.readableBytes());
                fail(ctx, "obfs2: padding length " + padLength + " is over " + MAX_PADDING);
                return;
            }
            paddingLeft = (int) padLength;
            state = State.PADDING;
        }
        if (state == State.PADDING) {
            // The padding is skipped as raw bytes: the reference reads it without decrypting it.
            int skip = Math.min(paddingLeft, in.readableBytes());
            in.skipBytes(skip);
            paddingLeft -= skip;
            if (paddingLeft == 0) {
                establish(ctx);
            }
        }
    }

    /**
     * At the end of input (the peer's FIN, or the channel closing) the handshake cannot complete
     * any more: it fails at once rather than at the timeout.
     */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        in.skipBytes(in.readableBytes());
        if (state != State.FAILED && !established) {
            fail(ctx, "obfs2: the peer closed the connection during the handshake");
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
        stream.key(initiator ? initiatorData : responderData, initiator ? responderData : initiatorData);
        established = true;
        ctx.pipeline().remove(this); // the rest goes to the stream handler, then handlerRemoved0 reports done
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (established) {
            done.trySuccess(null);
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        state = State.FAILED;
        done.tryFailure(new Obfs2HandshakeException(why));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        done.tryFailure(new ClosedChannelException());
        super.channelInactive(ctx);
    }

    /** Why an obfs2 handshake failed. */
    static final class Obfs2HandshakeException extends Exception {
        Obfs2HandshakeException(String message) {
            super(message, null, false, false);
        }
    }
}
