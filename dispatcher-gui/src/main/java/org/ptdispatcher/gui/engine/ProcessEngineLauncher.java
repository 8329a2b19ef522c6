package org.ptdispatcher.gui.engine;

import java.io.IOException;
import java.util.concurrent.Executor;

/** The app's {@link EngineLauncher}: each plan runs as a real child process ({@link EngineRun}). */
public final class ProcessEngineLauncher implements EngineLauncher {
    @Override
    public RunningEngine start(LaunchPlan plan, Listener listener, Executor delivery) throws IOException {
        return EngineRun.start(plan, listener, delivery);
    }
}
