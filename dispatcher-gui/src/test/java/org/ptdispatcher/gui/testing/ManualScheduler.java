package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.viewmodel.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The app's {@link Scheduler} and clock for view-model tests: time stands still until the test
 * moves it with {@link #advance}, which runs (on the test's thread, which stands for the FX
 * thread) every action that has come due, in the order of their times.
 */
public final class ManualScheduler implements Scheduler {
    private Instant now;
    private final List<Pending> pending = new ArrayList<>();

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    /** A clock that reads this scheduler's time. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    /** How long until the next action runs, if one waits. */
    public java.util.Optional<Duration> nextIn() {
        return pending.stream().map(p -> Duration.between(now, p.due)).min(Comparator.naturalOrder());
    }

    /** Moves time on by {@code step}, running what comes due on the way. */
    public void advance(Duration step) {
        Instant until = now.plus(step);
        while (true) {
            Pending next = pending.stream().filter(p -> !p.due.isAfter(until)).min(Comparator.comparing(p -> p.due)).orElse(null);
            if (next == null) {
                break;
            }
            pending.remove(next);
            now = next.due;
            next.action.run();
        }
        now = until;
    }

    @Override
    public Scheduled after(Duration delay, Runnable action) {
        Pending scheduled = new Pending(now.plus(delay), action);
        pending.add(scheduled);
        return () -> pending.remove(scheduled);
    }

    private record Pending(Instant due, Runnable action) {
    }
}
