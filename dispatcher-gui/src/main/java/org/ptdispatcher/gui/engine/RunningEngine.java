package org.ptdispatcher.gui.engine;

import java.util.concurrent.CompletableFuture;

/** A started PT, as its run view model sees it: its process id, its exit, and the ways to end it. */
public interface RunningEngine {
    long pid();

    boolean isAlive();

    /**
     * Completes with the exit code once the process has ended and its output was read to the end
     * (the listener's {@code onExit} may still be on its way through the delivery executor).
     */
    CompletableFuture<Integer> exit();

    /** Stops it as spec section 1.3 says (close stdin, wait, SIGTERM, wait, kill), without blocking; completes with the exit code. */
    CompletableFuture<Integer> stop();

    /** Last resort when the app itself is going away: no waiting. */
    void kill();
}
