package org.ptdispatcher.engine.transport.optimizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The order in which one connection tries the entries, by the strategy and what earlier
 * connections learnt: entries whose back-off is running go after all the others (still tried,
 * last, so that a connection is never refused while an entry might work). Shared by all the
 * connections of one listener; thread-safe.
 */
final class DialOrder {
    private final Strategy strategy;
    private final int entries;
    private final EntryBackoff backoff;
    private final Random random;
    private int nextRotation;
    private int lastCarrier = -1;

    DialOrder(Strategy strategy, int entries, LongSupplier nanoClock, Random random) {
        this.strategy = strategy;
        this.entries = entries;
        this.backoff = new EntryBackoff(entries, nanoClock);
        this.random = random;
    }

    Strategy strategy() {
        return strategy;
    }

    /**
     * The entry indices to try for the next connection, in order; for {@link Strategy#MINIMIZE_DIAL_DURATION}
     * those to race at once (the ready ones, or every one when none is ready).
     */
    synchronized List<Integer> next() {
        List<Integer> preferred = preferredOrder();
        List<Integer> ready = new ArrayList<>();
        List<Integer> waiting = new ArrayList<>();
        for (int entry : preferred) {
            (backoff.ready(entry) ? ready : waiting).add(entry);
        }
        if (strategy == Strategy.MINIMIZE_DIAL_DURATION) {
            return ready.isEmpty() ? waiting : ready;
        }
        ready.addAll(waiting);
        return ready;
    }

    private List<Integer> preferredOrder() {
        List<Integer> order = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            order.add(i);
        }
        switch (strategy) {
            case RANDOM:
                Collections.shuffle(order, random);
                break;
            case ROTATE:
                Collections.rotate(order, -nextRotation);
                nextRotation = (nextRotation + 1) % entries;
                break;
            case TRACK:
                if (lastCarrier >= 0) {
                    order.remove(Integer.valueOf(lastCarrier));
                    order.add(0, lastCarrier);
                }
                break;
            default:
                break;
        }
        return order;
    }

    /** {@code entry} carried a connection. */
    synchronized void carried(int entry) {
        lastCarrier = entry;
        backoff.succeeded(entry);
    }

    /** {@code entry} failed to connect or to complete its handshake; returns its back-off. */
    synchronized Duration failed(int entry) {
        return backoff.failed(entry);
    }
}
