package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.log.OutOfMemoryExit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Waits for the reasons to stop that spec section 1.3 names: stdin closing (only when the parent
 * asked for it), SIGTERM, and the parent process going away. SIGINT follows obfs4proxy: the
 * first one stops accepting new connections and ends the process once the open ones have
 * finished; a second one ends it at once.
 */
final class ShutdownWatch {
    private static final System.Logger LOG = EngineLog.logger(ShutdownWatch.class);
    private static final long POLL_MILLIS = 500;

    private final CompletableFuture<String> reason = new CompletableFuture<>();
    /** Taken as early as possible: a parent that dies during start-up must still be noticed. */
    private final Optional<ParentProcess> parent = ParentProcess.atStart();
    private volatile Drain drain;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shutdown-watch");
        t.setDaemon(true);
        return t;
    });

    /** Completes with a few words saying why the process should stop. */
    CompletableFuture<String> reason() {
        return reason;
    }

    /** Ends when stdin reaches end of file. Its bytes are read and ignored: the spec gives stdin no content. */
    void watchStdin(InputStream stdin) {
        Thread reader = new Thread(() -> {
            byte[] sink = new byte[512];
            try {
                while (stdin.read(sink) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // an unreadable stdin is a closed one
            }
            reason.complete("stdin closed");
        }, "stdin-watch");
        reader.setDaemon(true);
        reader.start();
    }

    /** Ends when the parent process exits (this process is re-parented). */
    void watchParent() {
        if (parent.isEmpty()) {
            return; // started by init or a container's first process: no parent to outlive
        }
        ParentProcess p = parent.get();
        poller.scheduleWithFixedDelay(guarded(() -> {
            if (p.gone()) {
                reason.complete("parent process " + p.pid + " exited");
            }
        }), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Handles SIGTERM (stop now, gracefully) and SIGINT (drain, as described above). Installed
     * before anything is announced, so that a parent may signal as soon as it has read a line: a
     * signal during start-up is a reason to stop like any other, and the dispatcher acts on it
     * once start-up is over. Until {@link #drainWith} names what to drain, SIGINT stops at once:
     * nothing has been accepted yet.
     */
    void watchSignals() {
        Signals.handle("TERM", () -> reason.complete("SIGTERM"));
        Signals.handle("INT", new Runnable() {
            private boolean draining;

            @Override
            public synchronized void run() {
                Drain drain = ShutdownWatch.this.drain;
                if (draining || drain == null) {
                    reason.complete(draining ? "second SIGINT" : "SIGINT during start-up");
                    return;
                }
                draining = true;
                drain.stopAccepting().run();
                LOG.log(System.Logger.Level.INFO, "SIGINT: no longer accepting connections; exiting when the open ones end (SIGINT again exits now)");
                poller.scheduleWithFixedDelay(guarded(() -> {
                    if (drain.openConnections().getAsInt() == 0) {
                        reason.complete("SIGINT and no open connections");
                    }
                }), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * What a SIGINT drains from now on.
     *
     * @param stopAccepting   closes the listeners
     * @param openConnections how many connections are still open
     */
    void drainWith(Runnable stopAccepting, IntSupplier openConnections) {
        drain = new Drain(stopAccepting, openConnections);
    }

    /** Whether a reason to stop has come. */
    boolean stopping() {
        return reason.isDone();
    }

    private record Drain(Runnable stopAccepting, IntSupplier openConnections) {
    }

    /**
     * A periodic check that survives its own failures: an exception thrown from a task ends its
     * schedule silently, and the watch with it. Out of memory ends the process.
     */
    private static Runnable guarded(Runnable check) {
        return () -> {
            try {
                check.run();
            } catch (Throwable e) {
                OutOfMemoryExit.ifCausedBy(e, "the shutdown watch");
                LOG.log(System.Logger.Level.DEBUG, "shutdown watch: check failed: " + e);
            }
        };
    }

    void close() {
        poller.shutdownNow();
    }
}
