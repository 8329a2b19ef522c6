package org.ptdispatcher.gui.tor;

import java.util.concurrent.Executor;

/**
 * Gets the user online through Tor with their bridges: what a view model receives (and a test
 * replaces). Results arrive through {@code delivery} ({@code Platform::runLater} in the app).
 */
public interface TorService {
    /** Starts at once and returns; every outcome, a failure to start included, reaches {@code listener}. */
    TorSession connect(TorConnectRequest request, TorRunListener listener, Executor delivery);

    /** The real one: tor as the app's child process. */
    static TorService processes() {
        return TorClientRun::start;
    }
}
