package org.ptdispatcher.gui.engine;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * Starts PT child processes for launch plans. A service the run view model receives (the app's
 * is {@link ProcessEngineLauncher}), so that its tests need not spawn JVMs; other kinds of child
 * (tor, for a Tor launcher) get a service of their own beside this one.
 */
public interface EngineLauncher {
    /** What a run reports. Calls arrive through the delivery executor, in order; the exit after the last line. */
    interface Listener {
        void onLine(OutputLine line);

        void onExit(int exitCode);
    }

    /**
     * Starts {@code plan}; lines and the exit go to {@code listener} through {@code delivery}
     * ({@code Platform::runLater} in the app).
     *
     * @throws IOException if the program cannot be started (not found, not executable)
     */
    RunningEngine start(LaunchPlan plan, Listener listener, Executor delivery) throws IOException;
}
