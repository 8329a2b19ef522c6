package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameDecoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ClientHandshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4HandshakeException;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;

import java.nio.channels.ClosedChannelException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the client half of the obfs4 handshake on a connected channel, then puts an
 * {@link Obfs4StreamHandler} in its own place. What arrived behind the server's handshake (the
 * PRNG seed frame, and any data) stays in the decoder's cumulation, which Netty hands to the
 * stream handler when this one is removed.
 */
final class Obfs4ClientHandshakeHandler extends ByteToMessageDecoder {
    private final Obfs4ClientArgs args;
    private final Obfs4ClientHandshake handshake;
    private final Promise<Void> done;
    private final SecureRandom random;
    private final byte[] window = new byte[Obfs4Handshake.MAX_HANDSHAKE_LENGTH];
    private boolean sent;
    private boolean established;
    private boolean failed;

    Obfs4ClientHandshakeHandler(Obfs4ClientArgs args, EphemeralKeyPair session, Promise<Void> done, SecureRandom random) {
        this.args = args;
        this.handshake = new Obfs4ClientHandshake(args.cert(), session, random, Obfs4Handshake.currentEpochHour());
        this.done = done;
        this.random = random;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            sendRequest(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        sendRequest(ctx);
        super.channelActive(ctx);
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        if (sent) {
            return;
        }
        sent = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.request())).addListener(written -> {
            if (!written.isSuccess()) {
                fail(ctx, written.cause());
            }
        });
        // The request is on the wire: this X25519 runs while the server checks it and makes its own two.
        handshake.prepareIdentityShare();
    }

    /** Tries the response on everything received so far (the handshake consumes nothing until it is whole). */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int length = Math.min(in.readableBytes(), window.length);
        in.getBytes(in.readerIndex(), window, 0, length);
        Obfs4ClientHandshake.Completed completed;
        try {
            completed = handshake.parseResponse(window, length);
        } catch (Obfs4HandshakeException e) {
            in.skipBytes(in.readableBytes());
            fail(ctx, e);
            return;
        }
        if (completed != null) {
            in.skipBytes(completed.consumed());
            establish(ctx, completed);
        }
    }

    /**
     * At the end of input (the server's FIN, or the channel closing) no response can still
     * complete: what is left is dropped and the handshake fails at once, as obfs4proxy's does,
     * instead of waiting for the handshake timeout.
     */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        in.skipBytes(in.readableBytes());
        if (!failed && !established) {
            fail(ctx, new Obfs4HandshakeException("the server closed the connection during the handshake"));
        }
    }

    private void establish(ChannelHandlerContext ctx, Obfs4ClientHandshake.Completed completed) {
        byte[] keys = Ntor.expandKeys(completed.keySeed(), 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
        // The first half keys the client-to-server direction (the reference's order, whatever the spec text says).
        Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(Arrays.copyOfRange(keys, 0, Obfs4Framing.KEY_MATERIAL_LENGTH));
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(Arrays.copyOfRange(keys, Obfs4Framing.KEY_MATERIAL_LENGTH, keys.length), random);
        Arrays.fill(keys, (byte) 0);
        Obfs4StreamHandler stream = new Obfs4StreamHandler(encoder, decoder, args.iatMode(), false, null, null, random);
        ctx.pipeline().addAfter(ctx.name(), "obfs4-stream", stream);
        established = true;
        // The rest goes to the stream handler, and the plaintext decoded from it to the mode's
        // PendingInbound behind it; handlerRemoved0 then reports the handshake done.
        ctx.pipeline().remove(this);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (established) {
            done.trySuccess(null);
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        failed = true;
        done.tryFailure(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        done.tryFailure(new ClosedChannelException());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }
}
