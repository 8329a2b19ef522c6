package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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

/**
 * Runs the client half of the obfs4 handshake on a connected channel, then puts an
 * {@link Obfs4StreamHandler} in its own place, handing it whatever arrived behind the server's
 * handshake (the PRNG seed frame, and any data).
 */
final class Obfs4ClientHandshakeHandler extends ChannelInboundHandlerAdapter {
    private final Obfs4ClientArgs args;
    private final Obfs4ClientHandshake handshake;
    private final Promise<Void> done;
    private final SecureRandom random;
    private final byte[] window = new byte[Obfs4Handshake.MAX_HANDSHAKE_LENGTH];
    private ByteBuf received;
    private boolean sent;

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
    public void channelActive(ChannelHandlerContext ctx) {
        sendRequest(ctx);
        ctx.fireChannelActive();
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

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (received == null) {
            received = ctx.alloc().buffer(Math.max(bytes.readableBytes(), 4096));
        }
        received.writeBytes(bytes);
        bytes.release();
        int length = Math.min(received.readableBytes(), window.length);
        received.getBytes(received.readerIndex(), window, 0, length);
        Obfs4ClientHandshake.Completed completed;
        try {
            completed = handshake.parseResponse(window, length);
        } catch (Obfs4HandshakeException e) {
            fail(ctx, e);
            return;
        }
        if (completed != null) {
            establish(ctx, completed);
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
        ByteBuf rest = received;
        received = null;
        rest.skipBytes(completed.consumed());
        ctx.pipeline().remove(this);
        // Plaintext decoded from the rest lands in the mode's PendingInbound, behind the stream handler.
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
        done.trySuccess(null);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (received != null) {
            received.release();
            received = null;
        }
        done.tryFailure(cause);
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }
}
