package org.ptdispatcher.gui.viewmodel;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The app's {@link Scheduler}: one daemon timer thread, which only hands each action to the
 * delivery executor when its time comes, so the action runs where the view models live.
 */
public final class DeliveringScheduler implements Scheduler {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "view-model-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Executor delivery;

    public DeliveringScheduler(Executor delivery) {
        this.delivery = delivery;
    }

    @Override
    public Scheduled after(Duration delay, Runnable action) {
        // Cancelled is checked again on the delivery thread: a cancel that comes after the timer
        // fired but before the delivery ran must still win.
        Cancellable cancellable = new Cancellable(action);
        ScheduledFuture<?> future = timer.schedule(() -> delivery.execute(cancellable), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            cancellable.cancelled = true;
            future.cancel(false);
        };
    }

    private static final class Cancellable implements Runnable {
        private final Runnable action;
        private volatile boolean cancelled;

        Cancellable(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            if (!cancelled) {
                action.run();
            }
        }
    }
}
