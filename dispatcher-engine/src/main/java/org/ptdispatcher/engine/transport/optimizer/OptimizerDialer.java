package org.ptdispatcher.engine.transport.optimizer;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.ClientDial;
import org.ptdispatcher.engine.transport.Connector;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens one application connection's stream through the Optimizer's entries, in the order
 * {@link DialOrder} gives: one after the other until one connects, or all at once for
 * {@code minimizeDialDuration} (the first whose handshake completes carries the connection; the
 * others are closed). Each attempt is the inner transport's own plan made real by {@link ClientDial},
 * the same dial and handshake a client mode runs for that transport alone, so no transport's
 * code is repeated here. Each connection's carrier is one INFO LOG line; each failure another, with
 * the entry's back-off.
 */
final class OptimizerDialer {
    private static final System.Logger LOG = EngineLog.logger(OptimizerDialer.class);

    /**
     * The whole opening has {@link ClientDial#HANDSHAKE_TIMEOUT} (the mode's limit); one after another,
     * each attempt gets its share of it, so that a silent server leaves time for the next entry.
     */
    static final Duration SHORTEST_ATTEMPT = Duration.ofSeconds(5);

    private final List<OptimizerOptions.Entry> entries;
    private final DialOrder order;

    OptimizerDialer(List<OptimizerOptions.Entry> entries, DialOrder order) {
        this.entries = List.copyOf(entries);
        this.order = order;
    }

    /** The plan for one connection to {@code requested}: a stream this dialer opens itself. */
    ClientConnection plan(HostPort requested) {
        List<Integer> tries = order.next();
        HostPort first = dialAddress(entries.get(tries.get(0)), requested);
        return ClientConnection.selfMade(first, (loop, connector) -> open(loop, connector, requested, tries));
    }

    private static HostPort dialAddress(OptimizerOptions.Entry entry, HostPort requested) {
        return entry.address().orElse(requested);
    }

    static Duration attemptTimeout(int attempts) {
        Duration share = ClientDial.HANDSHAKE_TIMEOUT.dividedBy(Math.max(1, attempts));
        return share.compareTo(SHORTEST_ATTEMPT) < 0 ? SHORTEST_ATTEMPT : share;
    }

    private Future<Channel> open(EventLoop loop, Connector connector, HostPort requested, List<Integer> tries) {
        Promise<Channel> result = loop.newPromise();
        List<Promise<Channel>> attempts = new ArrayList<>();
        // The mode cancels the opening when the application leaves or its time is up: stop every attempt.
        result.addListener(done -> {
            if (!done.isSuccess()) {
                attempts.forEach(attempt -> attempt.tryFailure(new ClosedChannelException()));
            }
        });
        // Every attempt's listener runs on the loop; starting there too keeps the attempts' list single-threaded.
        Runnable start = order.strategy() == Strategy.MINIMIZE_DIAL_DURATION
                ? () -> race(loop, connector, requested, tries, result, attempts)
                : () -> inTurn(loop, connector, requested, tries, 0, attemptTimeout(tries.size()), result, attempts);
        if (loop.inEventLoop()) {
            start.run();
        } else {
            loop.execute(start);
        }
        return result;
    }

    private void inTurn(EventLoop loop, Connector connector, HostPort requested, List<Integer> tries, int next, Duration timeout,
                        Promise<Channel> result, List<Promise<Channel>> attempts) {
        if (result.isDone()) {
            return;
        }
        OptimizerOptions.Entry entry = entries.get(tries.get(next));
        Promise<Channel> attempt = attempt(loop, connector, entry, requested, timeout);
        attempts.add(attempt);
        attempt.addListener(done -> {
            if (done.isSuccess()) {
                carried(entry, requested, attempt.getNow(), result);
                return;
            }
            if (result.isDone()) {
                return; // cancelled from outside: not the entry's failure
            }
            failed(entry, done.cause());
            if (next + 1 < tries.size()) {
                inTurn(loop, connector, requested, tries, next + 1, timeout, result, attempts);
            } else {
                result.tryFailure(done.cause());
            }
        });
    }

    private void race(EventLoop loop, Connector connector, HostPort requested, List<Integer> tries, Promise<Channel> result,
                      List<Promise<Channel>> attempts) {
        int[] outstanding = {tries.size()};
        for (int index : tries) {
            OptimizerOptions.Entry entry = entries.get(index);
            Promise<Channel> attempt = attempt(loop, connector, entry, requested, ClientDial.HANDSHAKE_TIMEOUT);
            attempts.add(attempt);
            attempt.addListener(done -> {
                outstanding[0]--;
                if (done.isSuccess()) {
                    if (carried(entry, requested, attempt.getNow(), result)) {
                        // The fastest carries it; the slower ones are stopped and closed.
                        attempts.forEach(other -> other.tryFailure(new ClosedChannelException()));
                    }
                    return;
                }
                if (result.isDone()) {
                    return; // a slower entry stopped because another won: not a failure of its own
                }
                failed(entry, done.cause());
                if (outstanding[0] == 0) {
                    result.tryFailure(done.cause());
                }
            });
        }
    }

    /** One entry's dial and handshake, given up after {@code timeout}. */
    private Promise<Channel> attempt(EventLoop loop, Connector connector, OptimizerOptions.Entry entry, HostPort requested, Duration timeout) {
        Promise<Channel> ready = loop.newPromise();
        ClientConnection inner;
        try {
            inner = entry.client().open(dialAddress(entry, requested), TransportOptions.empty());
        } catch (InvalidTransportOptionsException | RuntimeException e) {
            ready.tryFailure(e);
            return ready;
        }
        Future<Channel> opening = ClientDial.open(loop, inner, connector, HeldPlaintext::install, ready);
        ScheduledFuture<?> timer = loop.schedule(() -> {
            ready.tryFailure(new TimeoutException("no connection within " + timeout.toMillis() + " ms"));
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ready.addListener(done -> {
            timer.cancel(false);
            if (!done.isSuccess()) {
                opening.cancel(false);
            }
        });
        return ready;
    }

    /** Hands {@code stream} over as the connection's, unless the connection is already settled; returns whether it was. */
    private boolean carried(OptimizerOptions.Entry entry, HostPort requested, Channel stream, Promise<Channel> result) {
        // The mode turns reading on once its handlers are in place (HeldPlaintext keeps what came before).
        stream.config().setAutoRead(false);
        if (!result.trySuccess(stream)) {
            stream.close();
            return false;
        }
        order.carried(entry.index());
        LOG.log(System.Logger.Level.INFO, "Optimizer: " + entry.label() + " carries the connection to " + requested
                + " (via " + dialAddress(entry, requested) + ", strategy " + order.strategy().wireName() + ")");
        return true;
    }

    private void failed(OptimizerOptions.Entry entry, Throwable cause) {
        Duration backoff = order.failed(entry.index());
        LOG.log(System.Logger.Level.INFO, "Optimizer: " + entry.label() + " failed (" + describe(cause)
                + "); it goes last for " + backoff.toSeconds() + " s");
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isEmpty() ? cause.getClass().getSimpleName() : message;
    }
}
