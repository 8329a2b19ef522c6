package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.transport.Transport;

import java.util.List;

/**
 * Runs {@link Transport#warmUp} for the transports a process started, one after another on one
 * daemon thread of the lowest priority, started after the DONE line: so that it delays neither
 * the announcement nor, on a busy machine, the connections themselves more than the JIT would
 * have anyway.
 *
 * <p>Only when asked, with the system property {@code ptdispatcher.warmUp=true}, and only in a
 * server (a bridge takes connections by the thousand; a client is the helper spawned beside an
 * application and opens few): the JIT's work for it keeps about 14 MiB more resident in an idle
 * obfs4 server (bench/idle-rss.sh: 55.7 against 69.6 MiB), which the idle-memory goal cannot
 * afford by default. What it buys, measured with the first 300 tunnels of a fresh pair: about
 * half the server's CPU time for them and about 1.4 times their rate.
 */
final class TransportWarmUp {
    private static final System.Logger LOG = EngineLog.logger(TransportWarmUp.class);
    static final String PROPERTY = "ptdispatcher.warmUp";

    private TransportWarmUp() {
    }

    static void start(List<Transport> transports, Role role) {
        if (transports.isEmpty() || role != Role.SERVER || !Boolean.getBoolean(PROPERTY)) {
            return;
        }
        Thread thread = new Thread(() -> run(transports), "transport-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run(List<Transport> transports) {
        for (Transport transport : transports) {
            long start = System.nanoTime();
            try {
                transport.warmUp();
            } catch (RuntimeException e) {
                // Only an optimisation: the connections run the same code and report what is wrong.
                LOG.log(System.Logger.Level.DEBUG, transport.name() + " warm-up failed: " + e);
                continue;
            }
            LOG.log(System.Logger.Level.DEBUG, transport.name() + " warmed up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }
}
