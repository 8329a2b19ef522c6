package org.ptdispatcher.gui.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The FX thread's stand-in for view-model tests: tasks delivered to it wait in a queue until the
 * test thread runs them, so every change of the view model happens on the test thread, in order.
 */
public final class QueueExecutor implements Executor {
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs delivered tasks until {@code condition} holds; fails with {@code what} at the deadline. */
    public void runUntil(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for: " + what);
            }
            Runnable task = tasks.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (task != null) {
                task.run();
            }
        }
    }

    /** Runs the tasks delivered so far, and those they deliver in turn. */
    public void runPending() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }
}
