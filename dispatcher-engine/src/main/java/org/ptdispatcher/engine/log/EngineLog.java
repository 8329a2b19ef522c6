package org.ptdispatcher.engine.log;

import io.netty.util.internal.logging.InternalLoggerFactory;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.ipc.IpcWriter;

/**
 * Where the engine's log messages go: LOG lines on the IPC channel, at the level the parent asked
 * for, once the dispatcher has pointed logging there ({@link #useIpc}); until then, or in a process
 * that never does (the desktop app uses engine classes in-process, and so do the unit tests), the
 * JDK's own {@link System.Logger} of the same name.
 *
 * <p>Why not java.util.logging behind {@code System.getLogger}, as before: the first
 * {@code System.getLogger} call sets up the JDK's logger finder and java.util.logging (reading
 * its configuration, building its root logger and console handler), 40 ms and more of
 * interpreted code, a fifth of the engine's start-up, to end in a handler that writes LOG lines.
 * The engine's loggers ({@link #logger}) and Netty's ({@link NettyIpcLoggerFactory}) write the
 * lines themselves, and the JDK's logging is set up only if a message comes before the IPC
 * channel exists.
 */
public final class EngineLog {
    /** The IPC channel, once the dispatcher has one; null before that and in other processes. */
    private static volatile IpcWriter ipc;

    private EngineLog() {
    }

    /** The logger for the engine class {@code owner}: use it as a {@code System.Logger}. */
    public static System.Logger logger(Class<?> owner) {
        return new IpcLogger(owner.getName());
    }

    /**
     * From now on, engine and Netty messages become LOG lines on {@code writer}, filtered by its
     * {@code -ipcLogLevel}. Call before the first Netty class is initialized: Netty's classes take
     * their logger when they are initialized.
     */
    public static void useIpc(IpcWriter writer) {
        ipc = writer;
        InternalLoggerFactory.setDefaultFactory(new NettyIpcLoggerFactory(writer));
    }

    /** The IPC channel, or null while messages still go to the JDK's logging. */
    static IpcWriter ipc() {
        return ipc;
    }

    /** Sends {@code message} if {@code -ipcLogLevel} admits {@code level}, with {@code thrown} (if any) described after it. */
    static void send(IpcWriter ipc, LogLevel level, String message, Throwable thrown) {
        if (thrown != null) {
            // Netty reports a failed task or an exception nobody handled here: if it was memory, the process ends.
            OutOfMemoryExit.ifCausedBy(thrown, "a logged failure");
        }
        if (ipc.logs(level)) {
            ipc.log(level, thrown == null ? message : message + ": " + describe(thrown));
        }
    }

    /** A throwable in one line, its class and message and those of its causes: a parent never gets a Java stack trace. */
    private static String describe(Throwable thrown) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = thrown; t != null && out.length() < 500; t = t.getCause()) {
            if (out.length() > 0) {
                out.append(" (caused by ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
            if (t != thrown) {
                out.append(')');
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }

    /** The LOG level of a {@code System.Logger} level; {@link LogLevel#NONE} for OFF, which is never sent. */
    static LogLevel toLogLevel(System.Logger.Level level) {
        return switch (level) {
            case ERROR -> LogLevel.ERROR;
            case WARNING -> LogLevel.WARN;
            case INFO -> LogLevel.INFO;
            case ALL, TRACE, DEBUG -> LogLevel.DEBUG;
            case OFF -> LogLevel.NONE;
        };
    }
}
