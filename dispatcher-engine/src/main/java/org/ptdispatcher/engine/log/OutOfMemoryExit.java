package org.ptdispatcher.engine.log;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.ipc.IpcWriter;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An {@link OutOfMemoryError} anywhere ends the process: one LOG ERROR line (whatever
 * {@code -ipcLogLevel} says: the parent must learn why its transport is gone), one line on
 * stderr, exit 70. Caught and carried on from, it would leave a process that is alive and serves
 * nothing (an event loop that cannot allocate) or that no longer notices its parent's death (the
 * watch thread killed by it). The places an error can end up call {@link #ifCausedBy}: Netty's
 * logging of failed tasks and unhandled pipeline exceptions, the engine's pipelines, the
 * shutdown watch, and every thread's uncaught-exception handler ({@link #installForAllThreads}).
 */
public final class OutOfMemoryExit {
    /** Made in advance: there may be no memory left to make it when it is needed. */
    private static final byte[] LAST_WORDS = "ptdispatcher: out of memory; exiting\n".getBytes(StandardCharsets.US_ASCII);
    public static final int EXIT_CODE = 70;

    private OutOfMemoryExit() {
    }

    /** Whether {@code thrown} is, or was caused by, an {@link OutOfMemoryError}. */
    public static boolean isCausedBy(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Ends the process if {@code thrown} is, or was caused by, an out-of-memory error; otherwise returns. */
    public static void ifCausedBy(Throwable thrown, String where) {
        if (isCausedBy(thrown)) {
            exit(where);
        }
    }

    /** Every thread that dies of an uncaught out-of-memory error ends the process; any other uncaught error becomes an ERROR line, not a stack trace. */
    public static void installForAllThreads() {
        Thread.setDefaultUncaughtExceptionHandler((thread, thrown) -> {
            ifCausedBy(thrown, "thread " + thread.getName());
            EngineLog.logger(OutOfMemoryExit.class).log(System.Logger.Level.ERROR, "thread " + thread.getName() + " ended", thrown);
        });
    }

    private static void exit(String where) {
        try {
            IpcWriter ipc = EngineLog.ipc();
            if (ipc != null) {
                ipc.send(new IpcMessage.Log(LogLevel.ERROR, "out of memory in " + where + ": exiting"));
            }
        } catch (Throwable ignored) {
            // exiting all the same
        }
        try {
            FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
            stderr.write(LAST_WORDS);
            stderr.flush();
        } catch (IOException | RuntimeException | Error ignored) {
            // exiting all the same
        }
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
