package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.ipc.IpcWriter;
import org.ptdispatcher.engine.ipc.TrafficStatus;
import org.ptdispatcher.engine.log.OutOfMemoryExit;
import org.ptdispatcher.engine.relay.TrafficCounts;
import org.ptdispatcher.engine.relay.TransportTraffic;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code -trafficInterval} extension: every interval, one {@link TrafficStatus} line per
 * transport that has relayed a connection. On a timer thread of its own, not an event loop, so
 * a parent slow to read stdout holds up only the reports. Made only when asked for: otherwise
 * the engine writes exactly what it wrote before the extension.
 */
final class TrafficReports implements AutoCloseable {
    private final TrafficCounts counts;
    private final IpcWriter ipc;
    private final ScheduledExecutorService timer;

    private TrafficReports(TrafficCounts counts, IpcWriter ipc) {
        this.counts = counts;
        this.ipc = ipc;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "traffic-reports");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts reporting; the first lines come one interval from now. */
    static TrafficReports every(Duration interval, TrafficCounts counts, IpcWriter ipc) {
        TrafficReports reports = new TrafficReports(counts, ipc);
        long millis = interval.toMillis();
        reports.timer.scheduleAtFixedRate(reports::reportGuarded, millis, millis, TimeUnit.MILLISECONDS);
        return reports;
    }

    /** Writes the lines now. */
    void report() {
        counts.all().forEach((transport, traffic) -> {
            if (traffic.relayedAny()) {
                TransportTraffic.Totals totals = traffic.totals();
                ipc.send(new TrafficStatus(transport, totals.bytesIn(), totals.bytesOut(), totals.openConnections()).toMessage());
            }
        });
    }

    private void reportGuarded() {
        try {
            report();
        } catch (Throwable thrown) {
            // A periodic task that throws is cancelled without a word; out of memory must end the process instead.
            OutOfMemoryExit.ifCausedBy(thrown, "the traffic reports");
            throw thrown;
        }
    }

    /** Stops the timer, waiting up to a second for a report under way. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
