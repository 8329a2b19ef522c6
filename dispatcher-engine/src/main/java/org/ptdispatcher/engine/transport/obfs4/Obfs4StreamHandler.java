package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameDecoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.probdist.WeightedDistribution;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.MAX_SEGMENT_LENGTH;

/**
 * The data phase of an obfs4 connection, after the handshake: inbound it opens frames and
 * passes the payload on as plaintext; outbound it frames, pads and (iat-mode 1 and 2) paces
 * what the relay writes, following obfs4proxy's {@code Read} and {@code Write}.
 */
final class Obfs4StreamHandler extends ChannelDuplexHandler {
    private static final System.Logger LOG = EngineLog.logger(Obfs4StreamHandler.class);

    /** obfs4proxy copies with 32 KiB reads, and pads once per read: our bursts are the same size. */
    static final int BURST_SIZE = 32 * 1024;
    /** Delays are drawn in units of 100 microseconds, 0 to 100 of them. */
    static final int MAX_DELAY_UNITS = 100;
    private static final int DELAY_UNIT_MICROS = 100;

    private final Obfs4BurstEncoder encoder;
    private final Obfs4FrameDecoder decoder;
    private final IatMode iatMode;
    private final boolean server;
    private final SecureRandom random;
    private WeightedDistribution lengths;
    private WeightedDistribution delays;
    private ByteBuf received;
    private IatPacer pacer;
    private boolean failed;

    /**
     * @param lengths the packet-length distribution, or null for a client until the server sends its seed
     * @param delays  the delay distribution, or null (iat-mode 0, or a client until the seed)
     */
    Obfs4StreamHandler(Obfs4FrameEncoder encoder, Obfs4FrameDecoder decoder, IatMode iatMode, boolean server,
                       WeightedDistribution lengths, WeightedDistribution delays, SecureRandom random) {
        this.encoder = new Obfs4BurstEncoder(encoder);
        this.decoder = decoder;
        this.iatMode = iatMode;
        this.server = server;
        this.lengths = lengths;
        this.delays = delays;
        this.random = random;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (iatMode != IatMode.NONE) {
            pacer = new IatPacer(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    private void release() {
        if (received != null) {
            received.release();
            received = null;
        }
        if (pacer != null) {
            pacer.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            bytes.release();
            return;
        }
        received = cumulate(ctx, received, bytes);
        ByteBuf plaintext = null;
        try {
            while (decoder.decode(received)) {
                int type = decoder.packetType();
                int length = decoder.payloadLength();
                if (type == Obfs4Framing.TYPE_PAYLOAD && length > 0) {
                    if (plaintext == null) {
                        plaintext = ctx.alloc().buffer(Math.max(length, received.readableBytes() + length));
                    }
                    plaintext.writeBytes(decoder.buffer(), decoder.payloadOffset(), length);
                } else if (type == Obfs4Framing.TYPE_PRNG_SEED && length == HashDrbg.SEED_LENGTH && !server) {
                    adoptServerSeed(Arrays.copyOfRange(decoder.buffer(), decoder.payloadOffset(), decoder.payloadOffset() + length));
                }
                // other types: ignored, as the spec asks
            }
        } catch (Obfs4FrameDecoder.FrameException e) {
            failed = true;
            LOG.log(System.Logger.Level.DEBUG, "obfs4 connection from " + ctx.channel().remoteAddress() + " ended: " + e.getMessage());
            if (plaintext != null) {
                // What authenticated before the bad frame still goes on, as with the reference.
                ctx.fireChannelRead(plaintext);
                plaintext = null;
            }
            release();
            ctx.close();
            return;
        }
        if (!received.isReadable()) {
            received.release();
            received = null;
        } else if (received instanceof CompositeByteBuf composite) {
            composite.discardReadComponents();
        }
        if (plaintext != null) {
            ctx.fireChannelRead(plaintext);
        }
    }

    /**
     * Adds a read to what is waiting. At most a partial frame waits between reads, so a composite
     * buffer joins them without copying the new read.
     */
    private static ByteBuf cumulate(ChannelHandlerContext ctx, ByteBuf waiting, ByteBuf in) {
        if (waiting == null) {
            return in;
        }
        if (waiting instanceof CompositeByteBuf composite) {
            composite.addComponent(true, in);
            return composite;
        }
        CompositeByteBuf composite = ctx.alloc().compositeBuffer(16);
        composite.addComponent(true, waiting);
        composite.addComponent(true, in);
        return composite;
    }

    /** The server's TYPE_PRNG_SEED: the client now draws lengths (and delays) from the server's tables. */
    private void adoptServerSeed(byte[] seed) {
        ServerSeedTables tables = ServerSeedTables.of(seed);
        lengths = tables.lengths();
        if (iatMode != IatMode.NONE) {
            delays = tables.delays();
        }
    }

    /** The delay table's seed: the first 24 bytes of SHA-256 of the length table's seed. */
    static byte[] delaySeed(byte[] lengthSeed) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(lengthSeed), HashDrbg.SEED_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf plaintext)) {
            ctx.write(msg, promise);
            return;
        }
        if (!plaintext.isReadable()) {
            if (pacer != null) {
                plaintext.release();
                pacer.send(ctx.alloc().buffer(0), 0, promise);
            } else {
                ctx.write(plaintext, promise);
            }
            return;
        }
        try {
            ensureDistributions();
            if (iatMode == IatMode.NONE) {
                writeUnpaced(ctx, plaintext, promise);
            } else {
                writePaced(ctx, plaintext, promise);
            }
        } finally {
            plaintext.release();
        }
    }

    private void ensureDistributions() {
        // A client that writes before the server's seed arrived draws from its own random tables, as the reference does.
        if (lengths == null) {
            byte[] seed = new byte[HashDrbg.SEED_LENGTH];
            random.nextBytes(seed);
            lengths = new WeightedDistribution(seed, 0, MAX_SEGMENT_LENGTH);
            if (iatMode != IatMode.NONE && delays == null) {
                delays = new WeightedDistribution(delaySeed(seed), 0, MAX_DELAY_UNITS);
            }
        }
    }

    /** iat-mode 0: every burst framed and padded, all written at once. */
    private void writeUnpaced(ChannelHandlerContext ctx, ByteBuf plaintext, ChannelPromise promise) {
        int size = plaintext.readableBytes();
        int bursts = (size + BURST_SIZE - 1) / BURST_SIZE;
        ByteBuf wire = ctx.alloc().buffer(Obfs4BurstEncoder.maxEncodedLength(Math.min(size, BURST_SIZE)) * bursts);
        while (plaintext.isReadable()) {
            ByteBuf burst = plaintext.readSlice(Math.min(BURST_SIZE, plaintext.readableBytes()));
            int start = wire.writerIndex();
            encoder.encodePayload(burst, wire);
            encoder.pad(wire, wire.writerIndex() - start, lengths.sample(random));
        }
        ctx.write(wire, promise);
    }

    /** iat-modes 1 and 2: bursts cut into segments, each followed by a random pause. */
    private void writePaced(ChannelHandlerContext ctx, ByteBuf plaintext, ChannelPromise promise) {
        while (plaintext.isReadable()) {
            ByteBuf burst = plaintext.readSlice(Math.min(BURST_SIZE, plaintext.readableBytes()));
            boolean lastBurst = !plaintext.isReadable();
            ByteBuf frames = ctx.alloc().buffer(Obfs4BurstEncoder.maxEncodedLength(burst.readableBytes()) + 2 * MAX_SEGMENT_LENGTH);
            encoder.encodePayload(burst, frames);
            if (iatMode == IatMode.ENABLED) {
                encoder.pad(frames, frames.readableBytes(), lengths.sample(random));
            }
            while (frames.isReadable()) {
                int segment;
                if (iatMode == IatMode.ENABLED) {
                    // Bulk-friendly: full segments.
                    segment = Math.min(MAX_SEGMENT_LENGTH, frames.readableBytes());
                } else {
                    // Paranoid: every segment's size drawn anew, padding when too little is left.
                    int target = lengths.sample(random);
                    if (frames.readableBytes() < target) {
                        encoder.pad(frames, frames.readableBytes(), target);
                        if (frames.readableBytes() != target) {
                            continue;
                        }
                    }
                    segment = Math.min(target, frames.readableBytes());
                    if (segment == 0) {
                        continue;
                    }
                }
                ByteBuf piece = frames.readRetainedSlice(segment);
                boolean last = lastBurst && !frames.isReadable();
                pacer.send(piece, (long) delays.sample(random) * DELAY_UNIT_MICROS, last ? promise : null);
            }
            frames.release();
        }
    }
}
