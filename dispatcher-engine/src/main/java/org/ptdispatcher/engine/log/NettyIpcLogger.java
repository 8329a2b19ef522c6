package org.ptdispatcher.engine.log;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.FormattingTuple;
import io.netty.util.internal.logging.MessageFormatter;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.ipc.IpcWriter;

/**
 * One of Netty's loggers as LOG lines. Netty's trace and debug messages are never sent, whatever
 * {@code -ipcLogLevel} says: they describe Netty's internals (allocator sizes, platform probes),
 * not the dispatcher's work, and a parent debugging its transports does not want them.
 * Messages use Netty's (SLF4J's) {@code {}} placeholders.
 */
final class NettyIpcLogger extends AbstractInternalLogger {
    private static final long serialVersionUID = 1L;

    private final transient IpcWriter writer;

    NettyIpcLogger(String name, IpcWriter writer) {
        super(name);
        this.writer = writer;
    }

    private boolean sends(LogLevel level) {
        return writer.logs(level);
    }

    private void send(LogLevel level, String message, Throwable thrown) {
        EngineLog.send(writer, level, message, thrown);
    }

    /** Formats only what will be sent; a trailing throwable that no placeholder takes is the message's cause. */
    private void sendFormatted(LogLevel level, String format, Object... arguments) {
        if (arguments != null && arguments.length > 0 && arguments[arguments.length - 1] instanceof Throwable thrown) {
            OutOfMemoryExit.ifCausedBy(thrown, "a logged failure");
        }
        if (sends(level)) {
            FormattingTuple formatted = MessageFormatter.arrayFormat(format, arguments);
            send(level, formatted.getMessage(), formatted.getThrowable());
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public void trace(String msg) {
    }

    @Override
    public void trace(String format, Object arg) {
    }

    @Override
    public void trace(String format, Object argA, Object argB) {
    }

    @Override
    public void trace(String format, Object... arguments) {
    }

    @Override
    public void trace(String msg, Throwable t) {
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public void debug(String msg) {
    }

    @Override
    public void debug(String format, Object arg) {
    }

    @Override
    public void debug(String format, Object argA, Object argB) {
    }

    @Override
    public void debug(String format, Object... arguments) {
    }

    @Override
    public void debug(String msg, Throwable t) {
    }

    @Override
    public boolean isInfoEnabled() {
        return sends(LogLevel.INFO);
    }

    @Override
    public void info(String msg) {
        send(LogLevel.INFO, msg, null);
    }

    @Override
    public void info(String format, Object arg) {
        sendFormatted(LogLevel.INFO, format, arg);
    }

    @Override
    public void info(String format, Object argA, Object argB) {
        sendFormatted(LogLevel.INFO, format, argA, argB);
    }

    @Override
    public void info(String format, Object... arguments) {
        sendFormatted(LogLevel.INFO, format, arguments);
    }

    @Override
    public void info(String msg, Throwable t) {
        send(LogLevel.INFO, msg, t);
    }

    @Override
    public boolean isWarnEnabled() {
        return sends(LogLevel.WARN);
    }

    @Override
    public void warn(String msg) {
        send(LogLevel.WARN, msg, null);
    }

    @Override
    public void warn(String format, Object arg) {
        sendFormatted(LogLevel.WARN, format, arg);
    }

    @Override
    public void warn(String format, Object argA, Object argB) {
        sendFormatted(LogLevel.WARN, format, argA, argB);
    }

    @Override
    public void warn(String format, Object... arguments) {
        sendFormatted(LogLevel.WARN, format, arguments);
    }

    @Override
    public void warn(String msg, Throwable t) {
        send(LogLevel.WARN, msg, t);
    }

    @Override
    public boolean isErrorEnabled() {
        return sends(LogLevel.ERROR);
    }

    @Override
    public void error(String msg) {
        send(LogLevel.ERROR, msg, null);
    }

    @Override
    public void error(String format, Object arg) {
        sendFormatted(LogLevel.ERROR, format, arg);
    }

    @Override
    public void error(String format, Object argA, Object argB) {
        sendFormatted(LogLevel.ERROR, format, argA, argB);
    }

    @Override
    public void error(String format, Object... arguments) {
        sendFormatted(LogLevel.ERROR, format, arguments);
    }

    @Override
    public void error(String msg, Throwable t) {
        send(LogLevel.ERROR, msg, t);
    }
}
