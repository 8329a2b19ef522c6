package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import javax.crypto.AEADBadTagException;

/**
 * The receiving half of a Shadowsocks AEAD TCP stream: reads the peer's salt, derives the
 * session subkey, then opens chunk after chunk and passes the plaintext on (one direct buffer
 * per read, however many chunks it held).
 *
 * <p>Wire bytes are opened in the thread's {@link ShadowScratch} window (at most {@link #WINDOW}
 * bytes of a read at a time, however large the reads); between reads the connection keeps only
 * the bytes of a chunk that has not all arrived, in an array of its own sized to them (none at
 * all when a read ended on a chunk's end, as an idle connection's last read does). Before the
 * stream has authenticated (its salt and first length) that is less than a salt and a length
 * block, so a connection that never authenticates costs about a hundred bytes here.
 *
 * <p>Anything wrong (a tag that does not verify, a length with its reserved top bits set or of
 * zero, a salt the {@link Listener} refuses as a replay) puts the decoder in the failed state:
 * from then on every byte that arrives is read and dropped, nothing more is passed on, and the
 * {@link Listener} decides when the connection ends. An end of input while failed closes it.
 *
 * <p>With a {@link Sip022Stream} (a 2022 method) the salt is followed by the other side's fixed
 * header, sealed alone: nothing is derived before the salt and the whole sealed header are here;
 * then its type, its timestamp and (for a response) the request salt are checked, then the salt is
 * offered to the {@link Listener} (the replay filter), in the order SIP022 3.1.5 gives. The chunk
 * the header announces comes next: a server's variable header (address, padding, initial payload;
 * the address and payload are passed on, the padding dropped) or a client's first payload. Chunks
 * may then be up to 0xFFFF bytes.
 */
final class ShadowAeadDecoder extends ChannelInboundHandlerAdapter {
    /** How many wire bytes are taken from a read at a time. */
    static final int WINDOW = 64 * 1024;

    static final int LENGTH_BLOCK = 2 + ShadowCipher.TAG_SIZE;
    /** The largest sealed chunk of either edition (the 2022 methods' 0xFFFF bytes). */
    static final int MAX_SEALED_CHUNK = Sip022Stream.MAX_PAYLOAD + ShadowCipher.TAG_SIZE;

    /** What the decoder reports to the half (client or server) that installed it. */
    interface Listener {
        /** The first chunk of a stream with this salt has authenticated; false refuses it (a replay). */
        boolean acceptSalt(byte[] salt);

        /** The stream failed; every later byte is dropped. {@code reason} is for DEBUG logs. */
        void failed(ChannelHandlerContext ctx, String reason);
    }

    /** FIRST: the 2022 chunk its fixed header announced (a request's variable header, a response's first payload). */
    private enum State { SALT, FIRST, LENGTH, PAYLOAD, FAILED }

    private final ShadowCipher cipher;
    private final byte[] masterKey;
    private final Listener listener;
    /** The 2022 edition's state, or null for the AEAD edition. */
    private final Sip022Stream sip022;
    private State state = State.SALT;
    private byte[] salt;
    private ShadowAead opener;
    private boolean saltAccepted;
    private int payloadLength;
    /** Wire bytes of this connection left unopened by the last read: {@code leftover[0, leftoverLength)}. */
    private byte[] leftover;
    private int leftoverLength;
    /** During a read: the thread's window and where its unopened bytes are, {@code wire[start, end)}. */
    private byte[] wire;
    private int start;
    private int end;
    private ChannelHandlerContext ctx;

    ShadowAeadDecoder(ShadowCipher cipher, byte[] masterKey, Listener listener) {
        this(cipher, masterKey, listener, null);
    }

    /**
     * @param key    the master key, or a 2022 method's PSK
     * @param sip022 the 2022 edition's state of this connection, or null for the AEAD edition
     */
    ShadowAeadDecoder(ShadowCipher cipher, byte[] key, Listener listener, Sip022Stream sip022) {
        this.cipher = cipher;
        this.masterKey = key;
        this.listener = listener;
        this.sip022 = sip022;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        leftover = null;
        leftoverLength = 0;
    }

    /** The memory this connection holds between reads: the bytes of a chunk not all here yet (none after a chunk's end). */
    int heldBytes() {
        return leftover == null ? 0 : leftover.length;
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
        leftover = null;
        leftoverLength = 0;
        opener = null;
        listener.failed(ctx, reason);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf plaintext = null;
        ShadowScratch scratch = ShadowScratch.get();
        try {
            if (state != State.FAILED) {
                wire = scratch.wire;
                System.arraycopy(leftover == null ? wire : leftover, 0, wire, 0, leftoverLength);
                start = 0;
                end = leftoverLength;
            }
            while (in.isReadable() && state != State.FAILED) {
                compact();
                int n = Math.min(in.readableBytes(), wire.length - end);
                in.readBytes(wire, end, n);
                end += n;
                if (plaintext == null) {
                    // Plaintext is never longer than the wire bytes it comes in.
                    plaintext = ctx.alloc().directBuffer(end - start + in.readableBytes());
                }
                decode(plaintext, scratch.opened);
            }
            if (state != State.FAILED) {
                keepLeftover();
            }
        } catch (AEADBadTagException e) {
            fail("chunk did not authenticate (wrong password or cipher, or not Shadowsocks)");
        } catch (MalformedChunkException e) {
            fail(e.getMessage());
        } catch (RuntimeException e) {
            if (plaintext != null) {
                plaintext.release();
            }
            throw e;
        } finally {
            wire = null;
            in.release();
        }
        if (plaintext != null) {
            if (state == State.FAILED || !plaintext.isReadable()) {
                plaintext.release();
            } else {
                ctx.fireChannelRead(plaintext);
            }
        }
    }

    /** Moves what this read left unopened out of the thread's window into the connection's own array. */
    private void keepLeftover() {
        leftoverLength = end - start;
        if (leftoverLength == 0) {
            leftover = null;
            return;
        }
        if (leftover == null || leftover.length < leftoverLength) {
            leftover = new byte[leftoverLength];
        }
        System.arraycopy(wire, start, leftover, 0, leftoverLength);
    }

    /** Moves the unopened bytes to the front of the array. */
    private void compact() {
        if (start > 0) {
            System.arraycopy(wire, start, wire, 0, end - start);
            end -= start;
            start = 0;
        }
    }

    /** Opens every whole chunk in the window, appending the plaintext to {@code out}; {@code opened} is room for one. */
    private void decode(ByteBuf out, byte[] opened) throws AEADBadTagException, MalformedChunkException {
        while (true) {
            int available = end - start;
            switch (state) {
                case SALT -> {
                    if (sip022 != null) {
                        if (!startSip022(available, opened)) {
                            return;
                        }
                        continue;
                    }
                    // The session key is derived only once the first length block is here to check it
                    // with: a stream that stops short of authenticating holds no cipher state.
                    if (available < cipher.saltSize() + LENGTH_BLOCK) {
                        return;
                    }
                    salt = java.util.Arrays.copyOfRange(wire, start, start + cipher.saltSize());
                    start += cipher.saltSize();
                    opener = ShadowAead.opener(cipher, ShadowKeys.subkey(masterKey, salt));
                    state = State.LENGTH;
                }
                case LENGTH -> {
                    if (available < LENGTH_BLOCK) {
                        return;
                    }
                    int length = opener.openLength(wire, start);
                    start += LENGTH_BLOCK;
                    if (!saltAccepted) {
                        if (!listener.acceptSalt(salt)) {
                            throw new MalformedChunkException("salt seen before: a replayed stream");
                        }
                        saltAccepted = true;
                    }
                    // The 2022 edition uses the whole u16 and does not forbid an empty chunk.
                    if (sip022 == null && length > ShadowAeadEncoder.MAX_PAYLOAD) {
                        throw new MalformedChunkException("chunk length 0x" + Integer.toHexString(length) + " has its reserved top bits set");
                    }
                    if (sip022 == null && length == 0) {
                        throw new MalformedChunkException("chunk of length zero");
                    }
                    payloadLength = length;
                    state = State.PAYLOAD;
                }
                case FIRST -> {
                    int sealedLength = payloadLength + ShadowCipher.TAG_SIZE;
                    if (available < sealedLength) {
                        return;
                    }
                    opener.open(wire, start, sealedLength, opened, 0);
                    start += sealedLength;
                    if (sip022.isClient()) {
                        out.writeBytes(opened, 0, payloadLength);
                    } else {
                        passRequestHeader(opened, payloadLength, out);
                    }
                    state = State.LENGTH;
                }
                case PAYLOAD -> {
                    int sealedLength = payloadLength + ShadowCipher.TAG_SIZE;
                    if (available < sealedLength) {
                        return;
                    }
                    opener.open(wire, start, sealedLength, opened, 0);
                    out.writeBytes(opened, 0, payloadLength);
                    start += sealedLength;
                    state = State.LENGTH;
                }
                default -> {
                    return;
                }
            }
        }
    }

    /**
     * The 2022 start: once the salt and the sealed fixed header are all here, derives the subkey,
     * opens and checks the header, then offers the salt. False while bytes are missing.
     */
    private boolean startSip022(int available, byte[] opened) throws AEADBadTagException, MalformedChunkException {
        int fixedLength = sip022.readFixedLength();
        if (available < cipher.saltSize() + fixedLength + ShadowCipher.TAG_SIZE) {
            return false;
        }
        salt = java.util.Arrays.copyOfRange(wire, start, start + cipher.saltSize());
        start += cipher.saltSize();
        opener = ShadowAead.opener(cipher, ShadowKeys.sip022Subkey(masterKey, salt));
        opener.open(wire, start, fixedLength + ShadowCipher.TAG_SIZE, opened, 0);
        start += fixedLength + ShadowCipher.TAG_SIZE;
        int next = sip022.checkFixedHeader(opened);
        if (!listener.acceptSalt(salt)) {
            throw new MalformedChunkException("salt seen before: a replayed stream");
        }
        saltAccepted = true;
        if (!sip022.isClient()) {
            sip022.requestSalt(salt);
            if (next == 0) {
                throw new MalformedChunkException("request with an empty variable header");
            }
        }
        payloadLength = next;
        state = State.FIRST;
        return true;
    }

    /**
     * A 2022 request's variable header: passes on the address and the initial payload (what the
     * server half reads as an AEAD stream's plaintext), drops the padding, and refuses a header
     * whose parts run past the chunk or that has neither payload nor padding (SIP022 3.1.4).
     */
    private static void passRequestHeader(byte[] header, int length, ByteBuf out) throws MalformedChunkException {
        ShadowAddress.Parsed parsed = ShadowAddress.read(io.netty.buffer.Unpooled.wrappedBuffer(header, 0, length));
        if (parsed instanceof ShadowAddress.Invalid invalid) {
            throw new MalformedChunkException("request header: " + invalid.reason());
        }
        if (!(parsed instanceof ShadowAddress.Complete address)) {
            throw new MalformedChunkException("request header ends inside its address");
        }
        int at = address.length();
        if (length - at < 2) {
            throw new MalformedChunkException("request header ends before its padding length");
        }
        int padding = ((header[at] & 0xff) << 8) | (header[at + 1] & 0xff);
        at += 2;
        if (padding > length - at) {
            throw new MalformedChunkException("request header's padding runs past its chunk");
        }
        at += padding;
        if (padding == 0 && at == length) {
            throw new MalformedChunkException("request header with neither payload nor padding");
        }
        out.writeBytes(header, 0, address.length());
        out.writeBytes(header, at, length - at);
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

    /** A chunk that authenticated but breaks the framing rules, or a refused salt. */
    static final class MalformedChunkException extends Exception {
        MalformedChunkException(String message) {
            super(message, null, false, false);
        }
    }
}
