package org.ptdispatcher.gui.tor;

/**
 * What any Tor run reports, a client's or a bridge's; {@code R} is what it has to show once
 * bootstrapped (a client's proxies, a bridge's line). Calls arrive through the delivery executor
 * the caller gave, in the order they happened.
 */
public interface TorRunEvents<R> {
    /** A line of the run's one log: tor's messages and its transport's. */
    void onLog(TorLogLine line);

    /** Tor reached a further bootstrap phase. */
    void onProgress(BootstrapStatus status);

    /**
     * Something stands in the way.
     *
     * @param blocking tor will not get further without the user changing something (the caller
     *                 decides whether to stop it; the headless command does)
     */
    void onProblem(TorFailure failure, boolean blocking);

    /** Bootstrapped 100%, and what the run offers was read from tor. */
    void onReady(R ready);

    /** What the ready run offers changed (a client's tor went over to another of its bridges). */
    default void onUpdate(R now) {
    }

    /** The last call: tor is gone (or never started). */
    void onEnded(TorEnding ending);
}
