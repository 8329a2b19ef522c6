package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.ipc.TrafficStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's live traffic, from the engine's traffic reports ({@link TrafficStatus}, every second
 * from the built-in engine): the totals received and sent since start, the rates between the last
 * two reports (the difference of the totals over the time between the lines), and the last
 * {@link #SAMPLES} rates for a chart. Received is the report's in (a client's download, what a
 * server's clients sent), sent its out. The engine's totals are what count, so a report lost
 * costs only the detail of one sample. Reset at each start the user makes; after an automatic
 * restart the totals go on from where the engine that died left them (the new engine counts from 0).
 */
public final class TrafficViewModel {
    /** How many rates the chart shows: a minute of one-second reports. */
    public static final int SAMPLES = 60;

    /** Bytes per second each way. */
    public record Rate(double down, double up) {
        public static final Rate ZERO = new Rate(0, 0);

        Rate plus(Rate other) {
            return new Rate(down + other.down, up + other.up);
        }
    }

    /** A transport's last report, when it was read, and the rate it gave. */
    private record Last(TrafficStatus report, Instant time, Rate rate) {
    }

    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper(this, "received");
    private final ReadOnlyLongWrapper sent = new ReadOnlyLongWrapper(this, "sent");
    private final ReadOnlyObjectWrapper<Rate> rate = new ReadOnlyObjectWrapper<>(this, "rate", Rate.ZERO);
    private final ReadOnlyBooleanWrapper reported = new ReadOnlyBooleanWrapper(this, "reported");
    private final ObservableList<Rate> samples = FXCollections.observableArrayList();
    private final ObservableList<Rate> samplesView = FXCollections.unmodifiableObservableList(samples);
    /** By transport: a profile runs one, but an engine may report several, each with its own totals. */
    private final Map<String, Last> last = new HashMap<>();
    /** The totals of this run's engines before the one running now (it was started again by itself). */
    private long receivedBefore;
    private long sentBefore;

    /** Takes a traffic STATUS line read at {@code time}; one whose counts are not counts is ignored. */
    public void report(IpcMessage.Status status, Instant time) {
        Optional<TrafficStatus> read = TrafficStatus.read(status);
        if (read.isEmpty()) {
            return;
        }
        TrafficStatus now = read.get();
        Last before = last.get(now.transport());
        Optional<Rate> since = before == null ? Optional.empty() : rateSince(before, now, time);
        last.put(now.transport(), new Last(now, time, since.orElse(Rate.ZERO)));
        received.set(receivedBefore + last.values().stream().mapToLong(l -> l.report().bytesIn()).sum());
        sent.set(sentBefore + last.values().stream().mapToLong(l -> l.report().bytesOut()).sum());
        rate.set(last.values().stream().map(Last::rate).reduce(Rate.ZERO, Rate::plus));
        reported.set(true);
        if (since.isPresent()) {
            List<Rate> window = new ArrayList<>(samples.subList(Math.max(0, samples.size() - SAMPLES + 1), samples.size()));
            window.add(rate.get());
            samples.setAll(window); // one change, one redraw
        }
    }

    /**
     * The rate from {@code before} to {@code now}; empty for a first report after totals that went
     * back (an engine that started again without a reset here) or no time between the two lines.
     */
    private static Optional<Rate> rateSince(Last before, TrafficStatus now, Instant time) {
        double seconds = Duration.between(before.time(), time).toNanos() / 1e9;
        long down = now.bytesIn() - before.report().bytesIn();
        long up = now.bytesOut() - before.report().bytesOut();
        if (seconds <= 0 || down < 0 || up < 0) {
            return Optional.empty();
        }
        return Optional.of(new Rate(down / seconds, up / seconds));
    }

    /**
     * The same run's engine, started again by itself: the totals so far stay and the new engine's
     * add to them; the chart goes on; no rate until the new engine's second report.
     */
    public void continueAfterRestart() {
        receivedBefore = received.get();
        sentBefore = sent.get();
        last.clear();
        rate.set(Rate.ZERO);
    }

    /** A new run: nothing received or sent yet, no report. */
    public void reset() {
        receivedBefore = 0;
        sentBefore = 0;
        last.clear();
        received.set(0);
        sent.set(0);
        rate.set(Rate.ZERO);
        samples.clear();
        reported.set(false);
    }

    /** Bytes received since start (the reports' in). */
    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    /** Bytes sent since start (the reports' out). */
    public ReadOnlyLongProperty sentProperty() {
        return sent.getReadOnlyProperty();
    }

    /** The rates between the last two reports; zero before the second. */
    public ReadOnlyObjectProperty<Rate> rateProperty() {
        return rate.getReadOnlyProperty();
    }

    /** Whether a report came since start: engines not asked for one (another PT, tor's) never send any. */
    public ReadOnlyBooleanProperty reportedProperty() {
        return reported.getReadOnlyProperty();
    }

    /** The last {@link #SAMPLES} rates, oldest first. */
    public ObservableList<Rate> samples() {
        return samplesView;
    }
}
