package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameDecoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4HandshakeException;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ServerHandshake;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;

import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the server half of the obfs4 handshake on an accepted channel, then puts an
 * {@link Obfs4StreamHandler} in its own place.
 *
 * <p>A client that fails (garbage, a bad MAC, a replay, too slow) is treated as obfs4proxy treats
 * it, so a prober learns nothing from the timing: no answer ever; everything it sends is read
 * and dropped; the connection closes at a fixed time after it opened (the 30 s handshake
 * timeout plus this server's close delay, 0 to 59 s, derived from its DRBG seed), or at once if
 * the client closes its side first.
 *
 * <p>The request accumulates in the decoder's cumulation; like obfs4proxy, the server drops
 * whatever came with it once the handshake is done (a client sends nothing before the response).
 */
final class Obfs4ServerHandshakeHandler extends ByteToMessageDecoder {
    private static final System.Logger LOG = EngineLog.logger(Obfs4ServerHandshakeHandler.class);

    private final Obfs4Server server;
    private final Promise<Optional<HostPort>> done;
    private final byte[] request = new byte[Obfs4Handshake.MAX_HANDSHAKE_LENGTH];
    private int requestLength;
    private Obfs4ServerHandshake handshake;
    private long startNanos;
    private ScheduledFuture<?> timeout;
    private boolean failed;
    private boolean established;

    Obfs4ServerHandshakeHandler(Obfs4Server server, Promise<Optional<HostPort>> done) {
        this.server = server;
        this.done = done;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        startNanos = System.nanoTime();
        // The session key is there before any byte is read (the reference makes it now), so the
        // time its rejection sampling takes is not visible in the answer's timing.
        handshake = new Obfs4ServerHandshake(server.identity(), server.sessionKeys().take(),
                server.replayFilter(), server.random());
        timeout = ctx.executor().schedule(() -> fail(ctx, "handshake timed out"),
                Obfs4Server.HANDSHAKE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = in.readableBytes();
        if (failed) {
            in.skipBytes(n);
            return;
        }
        if (n > request.length) {
            in.skipBytes(n);
            fail(ctx, "more than " + request.length + " bytes without a valid handshake");
            return;
        }
        // Only what is new since the last try: the cumulation is not consumed until the end.
        in.getBytes(in.readerIndex() + requestLength, request, requestLength, n - requestLength);
        requestLength = n;
        byte[] keySeed;
        try {
            keySeed = handshake.parseRequest(request, requestLength, Obfs4Handshake.currentEpochHour(), System.nanoTime());
        } catch (Obfs4HandshakeException e) {
            in.skipBytes(n);
            fail(ctx, e.getMessage());
            return;
        }
        if (keySeed != null) {
            in.skipBytes(n);
            establish(ctx, keySeed);
        }
    }

    /** At the end of input no request can still complete: the input-shutdown event fails the handshake. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        in.skipBytes(in.readableBytes());
    }

    private void establish(ChannelHandlerContext ctx, byte[] keySeed) {
        timeout.cancel(false);
        byte[] keys = Ntor.expandKeys(keySeed, 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(Arrays.copyOfRange(keys, 0, Obfs4Framing.KEY_MATERIAL_LENGTH), server.random());
        Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(Arrays.copyOfRange(keys, Obfs4Framing.KEY_MATERIAL_LENGTH, keys.length));
        Arrays.fill(keys, (byte) 0);
        Arrays.fill(request, (byte) 0);

        // The response, then the PRNG seed frame unpadded right behind it (the spec's section 6 optimisation).
        byte[] response = handshake.response();
        ByteBuf out = ctx.alloc().buffer(response.length + Obfs4Handshake.INLINE_SEED_FRAME_LENGTH);
        out.writeBytes(response);
        encoder.writePacket(out, Obfs4Framing.TYPE_PRNG_SEED, server.drbgSeed(), 0, HashDrbg.SEED_LENGTH, 0);
        ctx.writeAndFlush(out);

        Obfs4StreamHandler stream = new Obfs4StreamHandler(encoder, decoder, server.iatMode(), true,
                server.lengthDistribution(), server.delayDistribution(), server.random());
        ctx.pipeline().addAfter(ctx.name(), "obfs4-stream", stream);
        established = true;
        ctx.pipeline().remove(this); // handlerRemoved0 then reports the handshake done
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (established) {
            done.trySuccess(Optional.empty());
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        if (failed || done.isDone()) {
            return;
        }
        failed = true;
        timeout.cancel(false);
        Arrays.fill(request, (byte) 0);
        LOG.log(System.Logger.Level.DEBUG, "obfs4 handshake from " + ctx.channel().remoteAddress() + " failed: " + why);
        done.tryFailure(new Obfs4HandshakeException(why));
        long closeAt = startNanos + Obfs4Server.HANDSHAKE_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(server.closeDelaySeconds());
        long wait = closeAt - System.nanoTime();
        if (wait <= 0) {
            ctx.close();
        } else {
            ScheduledFuture<?> closing = ctx.executor().schedule(() -> {
                ctx.close();
            }, wait, TimeUnit.NANOSECONDS);
            ctx.channel().closeFuture().addListener(f -> closing.cancel(false));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // The reference's discard loop ends at end of input, and the connection with it.
            fail(ctx, "client closed its side during the handshake");
            ctx.close();
            ReferenceCountUtil.release(evt);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timeout != null) {
            timeout.cancel(false);
        }
        done.tryFailure(new ClosedChannelException());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "obfs4 connection from " + ctx.channel().remoteAddress() + ": " + cause);
        ctx.close();
    }
}
