package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import javax.crypto.AEADBadTagException;

/**
 * The receiving half of a Shadowsocks AEAD TCP stream: reads the peer's salt, derives the
 * session subkey, then opens chunk after chunk and passes the plaintext on (one buffer per
 * read, however many chunks it held).
 *
 * <p>Anything wrong (a tag that does not verify, a length with its reserved top bits set or of
 * zero, a salt the {@link Listener} refuses as a replay) puts the decoder in the failed state:
 * from then on every byte that arrives is read and dropped, nothing more is passed on, and the
 * {@link Listener} decides when the connection ends. An end of input while failed closes it.
 */
final class ShadowAeadDecoder extends ChannelInboundHandlerAdapter {
    private static final int LENGTH_BLOCK = 2 + ShadowCipher.TAG_SIZE;

    /** What the decoder reports to the half (client or server) that installed it. */
    interface Listener {
        /** The first chunk of a stream with this salt has authenticated; false refuses it (a replay). */
        boolean acceptSalt(byte[] salt);

        /** The stream failed; every later byte is dropped. {@code reason} is for DEBUG logs. */
        void failed(ChannelHandlerContext ctx, String reason);
    }

    private enum State { SALT, LENGTH, PAYLOAD, FAILED }

    private final ShadowCipher cipher;
    private final byte[] masterKey;
    private final ShadowBuffers buffers;
    private final Listener listener;
    private State state = State.SALT;
    private byte[] salt;
    private ShadowAead opener;
    private boolean saltAccepted;
    private int payloadLength;
    private ByteBuf pending;
    private ByteBuf lengthBytes;
    private ChannelHandlerContext ctx;

    ShadowAeadDecoder(ShadowCipher cipher, byte[] masterKey, ShadowBuffers buffers, Listener listener) {
        this.cipher = cipher;
        this.masterKey = masterKey;
        this.buffers = buffers;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lengthBytes = ctx.alloc().heapBuffer(2, 2);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending();
        if (lengthBytes != null) {
            lengthBytes.release();
            lengthBytes = null;
        }
    }

    boolean hasFailed() {
        return state == State.FAILED;
    }

    /** Fails the stream from outside (the server's address header turned out malformed). */
    void fail(String reason) {
        if (state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        releasePending();
        listener.failed(ctx, reason);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (state == State.FAILED) {
            in.release();
            return;
        }
        ByteBuf source = accumulate(ctx, in);
        ByteBuf plaintext = null;
        try {
            plaintext = decode(ctx, source);
        } catch (AEADBadTagException e) {
            fail("chunk did not authenticate (wrong password or cipher, or not Shadowsocks)");
        } catch (MalformedChunkException e) {
            fail(e.getMessage());
        }
        if (state != State.FAILED && pending != null && !pending.isReadable()) {
            releasePending();
        } else if (pending != null) {
            pending.discardSomeReadBytes();
        }
        if (plaintext != null) {
            if (state == State.FAILED || !plaintext.isReadable()) {
                plaintext.release();
            } else {
                ctx.fireChannelRead(plaintext);
            }
        }
    }

    /** Makes {@code in} part of the pending bytes; returns them. Takes ownership of {@code in}. */
    private ByteBuf accumulate(ChannelHandlerContext ctx, ByteBuf in) {
        if (pending == null) {
            if (buffers == ShadowBuffers.HEAP && !in.hasArray()) {
                pending = ctx.alloc().heapBuffer(Math.max(in.readableBytes(), 4096));
                pending.writeBytes(in);
                in.release();
            } else {
                pending = in;
            }
            return pending;
        }
        if (pending.writableBytes() < in.readableBytes() && pending.refCnt() == 1) {
            pending.discardReadBytes();
        }
        if (pending.writableBytes() < in.readableBytes() || pending.isReadOnly() || pending.refCnt() != 1) {
            ByteBuf bigger = buffers.allocate(ctx.alloc(), pending.readableBytes() + in.readableBytes() + 1024);
            bigger.writeBytes(pending);
            pending.release();
            pending = bigger;
        }
        pending.writeBytes(in);
        in.release();
        return pending;
    }

    /** Opens every whole chunk in {@code in}; returns their plaintext, or null if there was none. */
    private ByteBuf decode(ChannelHandlerContext ctx, ByteBuf in) throws AEADBadTagException, MalformedChunkException {
        ByteBuf out = null;
        try {
            while (true) {
                switch (state) {
                    case SALT -> {
                        if (in.readableBytes() < cipher.saltSize()) {
                            return out;
                        }
                        salt = new byte[cipher.saltSize()];
                        in.readBytes(salt);
                        opener = ShadowAead.opener(cipher, ShadowKeys.subkey(masterKey, salt));
                        state = State.LENGTH;
                    }
                    case LENGTH -> {
                        if (in.readableBytes() < LENGTH_BLOCK) {
                            return out;
                        }
                        opener.open(in, in.readerIndex(), LENGTH_BLOCK, lengthBytes, 0);
                        in.skipBytes(LENGTH_BLOCK);
                        if (!saltAccepted) {
                            if (!listener.acceptSalt(salt)) {
                                throw new MalformedChunkException("salt seen before: a replayed stream");
                            }
                            saltAccepted = true;
                        }
                        int length = lengthBytes.getUnsignedShort(0);
                        if (length > ShadowAeadEncoder.MAX_PAYLOAD) {
                            throw new MalformedChunkException("chunk length 0x" + Integer.toHexString(length) + " has its reserved top bits set");
                        }
                        if (length == 0) {
                            throw new MalformedChunkException("chunk of length zero");
                        }
                        payloadLength = length;
                        state = State.PAYLOAD;
                    }
                    case PAYLOAD -> {
                        int sealed = payloadLength + ShadowCipher.TAG_SIZE;
                        if (in.readableBytes() < sealed) {
                            return out;
                        }
                        if (out == null) {
                            // Room for every whole chunk that is here: the plaintext is never longer than the input.
                            out = buffers.allocate(ctx.alloc(), in.readableBytes());
                        }
                        opener.open(in, in.readerIndex(), sealed, out, out.writerIndex());
                        out.writerIndex(out.writerIndex() + payloadLength);
                        in.skipBytes(sealed);
                        state = State.LENGTH;
                    }
                    default -> {
                        return out;
                    }
                }
            }
        } catch (AEADBadTagException | MalformedChunkException | RuntimeException e) {
            if (out != null) {
                out.release();
            }
            throw e;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && state == State.FAILED) {
            ReferenceCountUtil.release(evt);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    /** A chunk that authenticated but breaks the framing rules, or a refused salt. */
    static final class MalformedChunkException extends Exception {
        MalformedChunkException(String message) {
            super(message, null, false, false);
        }
    }
}
