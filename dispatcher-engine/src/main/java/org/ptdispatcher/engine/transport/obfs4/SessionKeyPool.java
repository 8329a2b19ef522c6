package org.ptdispatcher.engine.transport.obfs4;

import org.ptdispatcher.engine.crypto.TransportRandom;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;

import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Session key pairs made ahead of time on a background thread, so that a connection takes a
 * ready one instead of running the Elligator 2 rejection sampling (two tries on average, each a
 * fixed-base multiplication, two field inversions and a square root) on its event loop, between
 * the application's request and the first byte on the wire.
 *
 * <p>Each pair is handed out once. When none is ready (a burst of connections, or the very first
 * one), {@link #take()} makes one on the caller's thread, as before: it never waits. The
 * background thread starts on the first {@code take()}, not when the transport loads, so a
 * dispatcher that never opens an obfs4 connection never runs it.
 */
final class SessionKeyPool {
    /**
     * A few: connections one after another take one each, and a burst larger than this makes the
     * rest inline as before. Filling more at the first connection would compete with it for the CPU.
     */
    static final int CAPACITY = 4;

    private final SecureRandom random;
    private final ArrayBlockingQueue<EphemeralKeyPair> ready;
    private final AtomicBoolean refilling = new AtomicBoolean();
    /**
     * One daemon thread (it holds nothing that must be finished before the process exits),
     * started by the executor at the first refill, not here.
     */
    private final ExecutorService refiller = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "obfs4-session-keys");
        thread.setDaemon(true);
        return thread;
    });

    SessionKeyPool(SecureRandom random, int capacity) {
        this.random = random;
        this.ready = new ArrayBlockingQueue<>(capacity);
    }

    private static final class Shared {
        static final SessionKeyPool INSTANCE = new SessionKeyPool(TransportRandom.shared(), CAPACITY);
    }

    /** The pool every obfs4 client and server of this process takes from. */
    static SessionKeyPool shared() {
        return Shared.INSTANCE;
    }

    /** A fresh key pair that has a representative; made now if none is ready. */
    EphemeralKeyPair take() {
        EphemeralKeyPair pair = ready.poll();
        startRefill();
        return pair != null ? pair : EphemeralKeyPair.generate(random);
    }

    private void startRefill() {
        if (ready.remainingCapacity() == 0 || !refilling.compareAndSet(false, true)) {
            return;
        }
        refiller.execute(this::refill);
    }

    private void refill() {
        try {
            while (ready.remainingCapacity() > 0) {
                ready.offer(EphemeralKeyPair.generate(random));
            }
        } finally {
            refilling.set(false);
        }
    }
}
