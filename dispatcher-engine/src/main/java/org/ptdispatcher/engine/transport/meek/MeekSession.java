package org.ptdispatcher.engine.transport.meek;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One server session: the {@link TunnelChannel} the mode forwards to the target, and the requests
 * that carry it, answered one at a time in the order they came, as meek-server's {@code transact}:
 * the body goes to the target (the answer waits until the relay has taken it, which is the
 * backpressure); then whatever the target sent, up to 64 KiB, at once if there is some, else what
 * arrives within {@link #TURNAROUND} (possibly nothing). Once the stream has ended (the target
 * closed, or could not be reached) every request gets a 500, as meek-server answers one whose
 * ORPort connection failed. All of it runs on the session's event loop.
 */
final class MeekSession implements TunnelChannel.Events {
    /** How long an answer waits for the target's first bytes (meek-server's {@code turnaroundTimeout}). */
    static final Duration TURNAROUND = Duration.ofMillis(10);

    /** How an answer goes back: 200 with bytes, or empty for a 500. Called on the session's event loop. */
    @FunctionalInterface
    interface Answer {
        void send(Optional<ByteBuf> bytes);
    }

    private record Transaction(ByteBuf body, Answer answer) {
    }

    private final TunnelChannel tunnel;
    private final EventLoop loop;
    private final ArrayDeque<Transaction> waiting = new ArrayDeque<>();
    private Transaction current;
    private boolean bodyTaken;
    private ScheduledFuture<?> turnaround;
    private long lastSeenNanos;

    MeekSession(TunnelChannel tunnel, EventLoop loop) {
        this.tunnel = tunnel;
        this.loop = loop;
        this.lastSeenNanos = now(loop);
    }

    /** The loop's clock (a test's event loop has one it can move). */
    static long now(EventLoop loop) {
        return loop instanceof AbstractScheduledEventExecutor scheduled ? scheduled.ticker().nanoTime() : System.nanoTime();
    }

    TunnelChannel tunnel() {
        return tunnel;
    }

    EventLoop loop() {
        return loop;
    }

    /** When a request last came, in {@link #now}'s terms. */
    long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** A request's body (ownership passes here) and where its answer goes; any thread. */
    void transact(ByteBuf body, Answer answer) {
        loop.execute(() -> {
            lastSeenNanos = now(loop);
            waiting.add(new Transaction(body, answer));
            startNext();
        });
    }

    private void startNext() {
        while (current == null && !waiting.isEmpty()) {
            Transaction next = waiting.poll();
            if (!tunnel.isOpen()) {
                next.body().release();
                next.answer().send(Optional.empty());
                continue;
            }
            current = next;
            bodyTaken = false;
            tunnel.receive(next.body());
            if (tunnel.pendingInbound() == 0) {
                afterBody();
            }
        }
    }

    /** The relay took the body: answer with what the target sent, or wait for it a little. */
    private void afterBody() {
        bodyTaken = true;
        if (tunnel.hasOutbound()) {
            answer();
        } else {
            turnaround = loop.schedule(this::answer, TURNAROUND.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void answer() {
        if (turnaround != null) {
            turnaround.cancel(false);
            turnaround = null;
        }
        Transaction done = current;
        current = null;
        done.answer().send(Optional.of(tunnel.isOpen() ? tunnel.take(MeekRequest.MAX_PAYLOAD) : Unpooled.EMPTY_BUFFER));
        startNext();
    }

    @Override
    public void outboundReady() {
        if (current != null && bodyTaken) {
            answer();
        }
    }

    @Override
    public void inboundDrained() {
        if (current != null && !bodyTaken) {
            afterBody();
        }
    }

    @Override
    public void closed() {
        if (turnaround != null) {
            turnaround.cancel(false);
            turnaround = null;
        }
        if (current != null) {
            Transaction failed = current;
            current = null;
            failed.answer().send(Optional.empty());
        }
        startNext();
    }
}
