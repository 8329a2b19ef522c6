package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Sends wire segments one at a time with a pause after each, as obfs4proxy's iat-modes 1 and 2
 * do with {@code Write} then {@code Sleep}, but on the event loop's scheduler instead of a
 * sleeping thread. Segments go out in order; a write's promise completes when its last segment
 * has been passed on, so an empty write (the relay's half-close marker) completes only after
 * everything queued before it.
 *
 * <p>What waits here is invisible to Netty's own write buffer, so the pacer sets a
 * user-defined writability flag above a high-water mark: the relay then stops reading the
 * other side, as it would for a full socket buffer.
 */
final class IatPacer {
    private static final int WRITABILITY_INDEX = 1;
    private static final long HIGH_WATER_MARK = 256 * 1024;
    private static final long LOW_WATER_MARK = 64 * 1024;

    private record Segment(ByteBuf bytes, long pauseNanos, ChannelPromise promise) {
    }

    private final ChannelHandlerContext ctx;
    private final ArrayDeque<Segment> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean pausing;
    private boolean closed;
    private boolean throttled;

    IatPacer(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Queues a segment, to be followed by a pause.
     *
     * @param promise completed when the segment is passed on; null for none
     */
    void send(ByteBuf bytes, long pauseMicros, ChannelPromise promise) {
        if (closed) {
            ReferenceCountUtil.release(bytes);
            if (promise != null && !promise.isVoid()) {
                promise.tryFailure(new java.nio.channels.ClosedChannelException());
            }
            return;
        }
        queue.add(new Segment(bytes, TimeUnit.MICROSECONDS.toNanos(pauseMicros), promise));
        queuedBytes += bytes.readableBytes();
        drain();
    }

    /** Drops everything queued (the channel is going away). */
    void close() {
        closed = true;
        Segment s;
        while ((s = queue.poll()) != null) {
            ReferenceCountUtil.release(s.bytes);
            if (s.promise != null && !s.promise.isVoid()) {
                s.promise.tryFailure(new java.nio.channels.ClosedChannelException());
            }
        }
        queuedBytes = 0;
    }

    private void drain() {
        while (!pausing && !closed && !queue.isEmpty()) {
            Segment s = queue.poll();
            queuedBytes -= s.bytes.readableBytes();
            ctx.writeAndFlush(s.bytes, s.promise == null ? ctx.voidPromise() : s.promise);
            if (s.pauseNanos > 0) {
                pausing = true;
                ctx.executor().schedule(() -> {
                    pausing = false;
                    drain();
                }, s.pauseNanos, TimeUnit.NANOSECONDS);
            }
        }
        updateWritability();
    }

    private void updateWritability() {
        boolean shouldThrottle = queuedBytes > HIGH_WATER_MARK || (throttled && queuedBytes > LOW_WATER_MARK);
        if (shouldThrottle == throttled) {
            return;
        }
        throttled = shouldThrottle;
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer != null) {
            buffer.setUserDefinedWritability(WRITABILITY_INDEX, !throttled);
        }
    }
}
