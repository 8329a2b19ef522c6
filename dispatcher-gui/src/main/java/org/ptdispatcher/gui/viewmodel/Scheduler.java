package org.ptdispatcher.gui.viewmodel;

import java.time.Duration;

/**
 * Runs an action later on the delivery thread (the FX thread in the app), as the view models'
 * other results arrive. A service of {@link AppServices}, so that tests move time themselves
 * instead of waiting for it.
 */
public interface Scheduler {
    /** Runs {@code action} after {@code delay}, unless it is cancelled first. */
    Scheduled after(Duration delay, Runnable action);

    /** An action waiting to run. */
    interface Scheduled {
        /** It will not run (nothing happens if it already has). */
        void cancel();
    }
}
