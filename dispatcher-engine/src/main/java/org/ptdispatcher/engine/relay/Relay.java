package org.ptdispatcher.engine.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.log.OutOfMemoryExit;
import org.ptdispatcher.engine.net.ConnectionCaps;
import org.ptdispatcher.engine.net.DirectMemoryPressure;
import org.ptdispatcher.engine.net.PeerReset;

import java.util.Queue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one bidirectional relay every mode uses: application side to network side and back.
 *
 * <ul>
 *   <li>Backpressure: when one side cannot take more (its outbound buffer passed the high water
 *   mark), reading from the other side stops until it drains; nothing buffers without bound.
 *   While the process's direct memory is short ({@link DirectMemoryPressure}), a side is read
 *   again only once what was last read from it has been written, so that many slow readers
 *   together do not take more than the process has.</li>
 *   <li>Half-close: an end of input on one side becomes, once everything before it is written,
 *   an end of output on the other; the connection closes when both directions have ended or
 *   either side closes.</li>
 *   <li>A reset is passed on as a reset: when one side is reset, the other is closed with one
 *   (SO_LINGER 0), so that an application whose download the server cut short does not take
 *   the end for a complete one. Resets are ordinary (peers come and go): DEBUG, and counted
 *   ({@link #resets}).</li>
 *   <li>Byte counts per direction, in the DEBUG line that says the relay ended, and added to the
 *   transport's {@link TransportTraffic} as they pass (one {@code LongAdder.add} per read).</li>
 * </ul>
 */
public final class Relay {
    private static final System.Logger LOG = EngineLog.logger(Relay.class);
    private static final long FLUSH_LINGER_SECONDS = 60;
    private static final AtomicLong RESETS = new AtomicLong();

    private final String description;
    private final Channel application;
    private final Channel network;
    private final TransportTraffic traffic;
    private final AtomicLong applicationToNetwork = new AtomicLong();
    private final AtomicLong networkToApplication = new AtomicLong();
    private final AtomicInteger endedDirections = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long startNanos = System.nanoTime();

    private Relay(String description, Channel application, Channel network, TransportTraffic traffic) {
        this.description = description;
        this.application = application;
        this.network = network;
        this.traffic = traffic;
    }

    /**
     * Starts relaying between two connected channels. Anything a {@link PendingInbound} holds on
     * either side goes first. Call it once both sides are ready; it may be called from any thread.
     *
     * @param application the side of the application: the SOCKS or transparent client, or a server's target
     * @param network     the transport's stream, whose bytes count as {@code traffic}'s in and out
     * @param description how the connection is named in DEBUG logs
     */
    public static void start(Channel application, Channel network, TransportTraffic traffic, String description) {
        // Relaying: the handshake that was pending on an accepted side is over.
        ConnectionCaps.established(application);
        ConnectionCaps.established(network);
        Relay relay = new Relay(description, application, network, traffic);
        traffic.opened();
        LongAdder out = traffic.toNetwork();
        LongAdder in = traffic.fromNetwork();
        if (application.eventLoop() == network.eventLoop()) {
            // Both handlers in place before either side's bytes move, so that a write that fails
            // on one side finds the relay there to handle it (not Netty's end of the pipeline,
            // which would log a WARNING for it).
            application.eventLoop().execute(() -> {
                Attached one = relay.attach(application, network, relay.applicationToNetwork, out);
                Attached other = relay.attach(network, application, relay.networkToApplication, in);
                one.begin();
                other.begin();
            });
        } else {
            application.eventLoop().execute(() -> relay.attach(application, network, relay.applicationToNetwork, out).begin());
            network.eventLoop().execute(() -> relay.attach(network, application, relay.networkToApplication, in).begin());
        }
        application.closeFuture().addListener(f -> relay.closeBoth());
        network.closeFuture().addListener(f -> relay.closeBoth());
    }

    /** Puts the relay's handler on {@code from}, in place of its {@link PendingInbound}; call on {@code from}'s event loop. */
    private Attached attach(Channel from, Channel to, AtomicLong counter, LongAdder transportTotal) {
        Direction direction = new Direction(to, counter, transportTotal);
        PendingInbound pending = from.pipeline().get(PendingInbound.class);
        if (pending == null) {
            from.pipeline().addLast("relay", direction);
            return new Attached(from, to, direction, new java.util.ArrayDeque<>(), false);
        }
        Queue<Object> waiting = pending.drain();
        boolean inputEnded = pending.inputEnded();
        from.pipeline().replace(pending, "relay", direction);
        return new Attached(from, to, direction, waiting, inputEnded);
    }

    /** One direction with its handler in place: what it held is sent, then it reads. */
    private final class Attached {
        private final Channel from;
        private final Channel to;
        private final Direction direction;
        private final Queue<Object> waiting;
        private final boolean inputEnded;

        Attached(Channel from, Channel to, Direction direction, Queue<Object> waiting, boolean inputEnded) {
            this.from = from;
            this.to = to;
            this.direction = direction;
            this.waiting = waiting;
            this.inputEnded = inputEnded;
        }

        void begin() {
            if (!waiting.isEmpty()) {
                for (Object msg : waiting) {
                    direction.count(msg);
                    to.write(msg, to.voidPromise());
                }
                to.flush();
            }
            if (!from.isActive()) {
                closeBoth();
                return;
            }
            if (inputEnded) {
                direction.endOfInput();
            } else {
                from.config().setAutoRead(to.isWritable());
                from.read();
            }
        }
    }

    /** How many relays in this process ended because one side was reset. */
    public static long resets() {
        return RESETS.get();
    }

    /** Whether {@code cause} is the peer resetting the connection. */
    static boolean isReset(Throwable cause) {
        return PeerReset.isReset(cause);
    }

    /** {@code reset} was reset by its peer: the other side is reset too, at once; what it had not yet sent is lost, as with any reset. */
    private void resetBoth(Channel reset) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        traffic.closed();
        RESETS.incrementAndGet();
        PeerReset.counted();
        Channel other = reset == application ? network : application;
        if (other.isOpen()) {
            other.config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
            other.close();
        }
        reset.close();
        LOG.log(System.Logger.Level.DEBUG, description + ": reset by the " + (reset == application ? "application" : "network") + " side; reset passed on");
    }

    private void directionEnded() {
        if (endedDirections.incrementAndGet() == 2) {
            closeBoth();
        }
    }

    private void closeBoth() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        traffic.closed();
        flushThenClose(application);
        flushThenClose(network);
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, String.format("%s closed after %.1f s: %d bytes to the network side, %d from it",
                    description, (System.nanoTime() - startNanos) / 1e9, applicationToNetwork.get(), networkToApplication.get()));
        }
    }

    /**
     * Whatever is still buffered for a side goes out before it closes; a reader that stops
     * reading altogether does not keep the connection open for longer than the linger time.
     */
    private static void flushThenClose(Channel channel) {
        if (!channel.isOpen()) {
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        ScheduledFuture<?> forced = channel.eventLoop().schedule(() -> {
            channel.close();
        }, FLUSH_LINGER_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(f -> forced.cancel(false));
    }

    private static long readable(Object msg) {
        return msg instanceof ByteBuf buf ? buf.readableBytes() : 0;
    }

    /** Reads one channel and writes to the other. */
    private final class Direction extends ChannelInboundHandlerAdapter {
        private final Channel to;
        private final AtomicLong counter;
        private final LongAdder transportTotal;
        private boolean ended;
        /** An empty write to {@code to} is under way, after which {@code from} reads again. */
        private boolean awaitingWrite;

        Direction(Channel to, AtomicLong counter, LongAdder transportTotal) {
            this.to = to;
            this.counter = counter;
            this.transportTotal = transportTotal;
        }

        void count(Object msg) {
            long bytes = readable(msg);
            counter.addAndGet(bytes);
            transportTotal.add(bytes);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ended) {
                ReferenceCountUtil.release(msg);
                return;
            }
            count(msg);
            to.write(msg, to.voidPromise());
            Channel from = ctx.channel();
            if (!from.isActive()) {
                return;
            }
            if (!to.isWritable()) {
                from.config().setAutoRead(false);
            } else if (DirectMemoryPressure.high()) {
                readAfterWritten(from);
            }
        }

        /**
         * Direct memory is short: {@code from} is read again once what was written to {@code to}
         * so far is written (an empty write completes after everything before it), not when
         * {@code to}'s buffer falls below its low-water mark.
         */
        private void readAfterWritten(Channel from) {
            from.config().setAutoRead(false);
            if (awaitingWrite) {
                return;
            }
            awaitingWrite = true;
            to.write(Unpooled.EMPTY_BUFFER).addListener(written -> from.eventLoop().execute(() -> {
                awaitingWrite = false;
                if (written.isSuccess() && !ended && from.isActive() && to.isWritable()) {
                    from.config().setAutoRead(true);
                }
            }));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            to.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // This side drained: the other side may read again.
            if (ctx.channel().isWritable() && to.isActive()) {
                to.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                endOfInput();
            }
            ReferenceCountUtil.release(evt);
        }

        void endOfInput() {
            if (ended) {
                return;
            }
            ended = true;
            to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
                if (written.isSuccess() && to instanceof DuplexChannel duplex && !duplex.isOutputShutdown()) {
                    duplex.shutdownOutput();
                } else if (!(to instanceof DuplexChannel)) {
                    to.close();
                }
                directionEnded();
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeBoth();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            OutOfMemoryExit.ifCausedBy(cause, "a relay");
            if (isReset(cause)) {
                resetBoth(ctx.channel());
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, description + ": " + cause);
            closeBoth();
        }
    }
}
