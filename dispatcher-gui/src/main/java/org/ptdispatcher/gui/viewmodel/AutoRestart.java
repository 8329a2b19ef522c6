package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether and when a run that ended by itself after it was running starts again. The waits
 * double from one second up to a minute; after {@link #MAX_IN_A_ROW} ends in a row it gives up,
 * since an engine that keeps dying will not be fixed by more tries. A run that stayed up for
 * {@link #STABLE} was fine, so the next end counts from one again. The counts are shown, so a
 * proxy that comes back by itself is never mistaken for one that never went away.
 */
public final class AutoRestart {
    public static final int MAX_IN_A_ROW = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    static final Duration STABLE = Duration.ofMinutes(2);

    private final Clock clock;
    private final ReadOnlyIntegerWrapper restarts = new ReadOnlyIntegerWrapper(this, "restarts", 0);
    private final ReadOnlyObjectWrapper<Duration> waiting = new ReadOnlyObjectWrapper<>(this, "waiting");
    private final ReadOnlyBooleanWrapper gaveUp = new ReadOnlyBooleanWrapper(this, "gaveUp", false);
    private int inARow;
    private Instant runningSince;

    AutoRestart(Clock clock) {
        this.clock = clock;
    }

    /** How many times the run was started again by itself since the user pressed Start. */
    public ReadOnlyIntegerProperty restartsProperty() {
        return restarts.getReadOnlyProperty();
    }

    /** While a restart waits: how long it waits; null otherwise. */
    public ReadOnlyObjectProperty<Duration> waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    /** Whether it ended too many times in a row to be started again. */
    public ReadOnlyBooleanProperty gaveUpProperty() {
        return gaveUp.getReadOnlyProperty();
    }

    /** Which restart in a row the one waiting (or the last one) is: 1 to {@link #MAX_IN_A_ROW}. */
    public int inARow() {
        return inARow;
    }

    /** The user started the run: nothing has ended yet. */
    void userStarted() {
        inARow = 0;
        runningSince = null;
        restarts.set(0);
        waiting.set(null);
        gaveUp.set(false);
    }

    /** The run is up (after a start or a restart). */
    void running() {
        runningSince = clock.instant();
    }

    /**
     * The run ended without being asked to.
     *
     * @param wasRunning whether it had come up; an engine that fails while starting has a reason
     *                   (a port in use, a bad option) that starting it again will not change
     * @return how long to wait before starting it again, or empty to leave it ended
     */
    Optional<Duration> endedAlone(boolean wasRunning) {
        if (!wasRunning) {
            return Optional.empty();
        }
        if (runningSince != null && !Duration.between(runningSince, clock.instant()).minus(STABLE).isNegative()) {
            inARow = 0;
        }
        runningSince = null;
        if (inARow >= MAX_IN_A_ROW) {
            gaveUp.set(true);
            return Optional.empty();
        }
        inARow++;
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(inARow - 1, 6));
        wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        waiting.set(wait);
        return Optional.of(wait);
    }

    /** The wait is over and the run starts again. */
    void restarting() {
        waiting.set(null);
        restarts.set(restarts.get() + 1);
    }

    /** The user stopped the run while a restart waited. */
    void cancelled() {
        waiting.set(null);
    }
}
