package org.ptdispatcher.engine.net;

import org.ptdispatcher.engine.log.EngineLog;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The process has run out of file descriptors (EMFILE, or ENFILE for the whole system): what
 * the engine does then, in one place. One WARNING when it starts, and no other for the next
 * {@link #QUIET} however many connections it costs (a later one counts them), so a peer cannot
 * flood the log by opening connections. And one spare descriptor, held while there are enough:
 * when a listener cannot accept, it is let go for as long as it takes to accept and close what
 * waits in the backlog, so that those clients learn at once that they will not be served instead
 * of waiting in the kernel's queue (see {@link AcceptGuard}).
 */
final class DescriptorShortage {
    private static final System.Logger LOG = EngineLog.logger(DescriptorShortage.class);
    /** How long after a WARNING the next shortage is only counted. */
    static final Duration QUIET = Duration.ofMinutes(1);

    private final OccasionalWarning warning = new OccasionalWarning(LOG, QUIET);
    private DatagramChannel spare;

    /** Whether {@code cause} (or one of its causes) is the operating system saying there are no descriptors left. */
    static boolean isShortage(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("too many open files")) {
                return true;
            }
        }
        return false;
    }

    /** Takes the spare descriptor, if it can; called once listeners are served. */
    synchronized void reserve() {
        if (spare == null) {
            try {
                spare = DatagramChannel.open();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "no spare descriptor: " + e);
            }
        }
    }

    /** A connection failed for want of a descriptor. */
    void noticed() {
        warning.warn("too many open files: connections that need a descriptor are closed until some are free "
                + "(the limit is the process's ulimit -n)");
    }

    /**
     * Lets the spare descriptor go while {@code shed} runs (it accepts and closes waiting
     * connections, returning how many), then takes it back if it can.
     */
    synchronized int withSpareReleased(IntSupplier shed) {
        if (spare != null) {
            try {
                spare.close();
            } catch (IOException ignored) {
                // closed all the same
            }
            spare = null;
        }
        int shedCount = shed.getAsInt();
        reserve();
        return shedCount;
    }

    synchronized void close() {
        if (spare != null) {
            try {
                spare.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            spare = null;
        }
    }
}
