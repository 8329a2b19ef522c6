package org.ptdispatcher.gui.tor;

import java.util.concurrent.CompletableFuture;

/** One Tor run, from the caller's side. */
public interface TorSession {
    /**
     * Stops tor cleanly without blocking the caller: {@code SIGNAL SHUTDOWN} and the control
     * connection closed, a wait; then SIGTERM, a wait; then kill. Tor ends its transports.
     */
    CompletableFuture<TorEnding> stop();

    /** Completes when tor is gone and its output was read to the end. */
    CompletableFuture<TorEnding> ended();

    /** The last resort when the app is forced down: SIGKILL now (its transport sees its stdin close and ends too). */
    void kill();
}
