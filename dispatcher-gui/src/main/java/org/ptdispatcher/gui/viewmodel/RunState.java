package org.ptdispatcher.gui.viewmodel;

/** Where a profile's engine is in its life. */
public enum RunState {
    /** Never started in this session of the app. */
    IDLE,
    /** Spawned; waiting for CMETHODS DONE / SMETHODS DONE. */
    STARTING,
    /** Initialization finished (some transports may still have failed: see the problems). */
    RUNNING,
    /** Stop was asked for; the child has not exited yet. */
    STOPPING,
    /** Exited after Stop. */
    STOPPED,
    /** Ended without being asked after it was running; it starts again after a wait ({@link AutoRestart}). */
    RESTARTING,
    /** Exited without being asked: an error, or it died (and is not started again). */
    ENDED_ALONE,
    /** The program could not be started at all. */
    FAILED_TO_START;

    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == STOPPING || this == RESTARTING;
    }

    /**
     * Running, or on its way back by itself: a system proxy pointed at the run stays, since taking
     * it away would send the browser out directly, in the clear, while the proxy is down.
     */
    public boolean holdsTheSystemProxy() {
        return this == RUNNING || this == RESTARTING || this == STARTING;
    }
}
