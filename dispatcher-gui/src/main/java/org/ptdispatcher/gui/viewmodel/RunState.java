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
    /** Exited without being asked: an error, or it died. */
    ENDED_ALONE,
    /** The program could not be started at all. */
    FAILED_TO_START;

    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
