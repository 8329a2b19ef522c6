package org.ptdispatcher.engine.ipc;

import org.ptdispatcher.engine.config.LogLevel;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Routes java.util.logging (and through it {@link System.Logger} and Netty's logging) into LOG
 * lines, so that nothing a library logs ever reaches stdout on its own. A throwable is reduced to
 * its class and message: a parent never gets a Java stack trace.
 */
public final class IpcLogHandler extends Handler {
    private final IpcWriter writer;
    private final SimpleFormatter formatter = new SimpleFormatter();

    public IpcLogHandler(IpcWriter writer) {
        this.writer = writer;
    }

    @Override
    public void publish(LogRecord record) {
        LogLevel level = toLogLevel(record.getLevel());
        if (!writer.logs(level)) {
            return;
        }
        String message = formatter.formatMessage(record);
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            message = message + ": " + describe(thrown);
        }
        writer.send(new IpcMessage.Log(level, message));
    }

    @Override
    public void flush() {
        // every line is flushed as it is written
    }

    @Override
    public void close() {
        // the writer outlives logging
    }

    public static LogLevel toLogLevel(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return LogLevel.ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return LogLevel.WARN;
        }
        if (value >= Level.INFO.intValue()) {
            return LogLevel.INFO;
        }
        return LogLevel.DEBUG;
    }

    public static Level toJulLevel(LogLevel level) {
        switch (level) {
            case ERROR:
                return Level.SEVERE;
            case WARN:
                return Level.WARNING;
            case INFO:
                return Level.INFO;
            case DEBUG:
                return Level.FINE;
            default:
                return Level.OFF;
        }
    }

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
}
