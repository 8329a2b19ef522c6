package org.ptdispatcher.gui.tor;

/** What a Tor run reports. Calls arrive through the delivery executor the caller gave. */
public interface TorRunListener {
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

    /** Bootstrapped 100%: the proxies carry traffic through Tor. */
    void onReady(TorProxies proxies);

    /** The last call: tor is gone (or never started). */
    void onEnded(TorEnding ending);
}
