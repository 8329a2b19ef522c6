package org.ptdispatcher.engine.net;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WARNING that something a peer can cause again and again (a connection refused at a limit)
 * is logged at most once per quiet period; the times in between are counted and the next
 * WARNING says how many there were. A peer cannot flood the log with it.
 */
public final class OccasionalWarning {
    private final System.Logger log;
    private final long quietNanos;
    private final AtomicLong unlogged = new AtomicLong();
    private long last;
    private boolean logged;

    public OccasionalWarning(System.Logger log, Duration quiet) {
        this.log = log;
        this.quietNanos = quiet.toNanos();
    }

    public void warn(String message) {
        long count = unlogged.incrementAndGet();
        long now = System.nanoTime();
        synchronized (this) {
            if (logged && now - last < quietNanos) {
                return;
            }
            logged = true;
            last = now;
        }
        unlogged.set(0);
        log.log(System.Logger.Level.WARNING, message + (count > 1 ? " (" + (count - 1) + " more times since the last warning)" : ""));
    }
}
