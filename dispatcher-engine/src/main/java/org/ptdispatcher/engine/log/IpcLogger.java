package org.ptdispatcher.engine.log;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.ipc.IpcWriter;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * An engine class's {@code System.Logger}: LOG lines while the IPC channel exists, the JDK's
 * logger of the same name otherwise (made only when first needed, see {@link EngineLog}).
 */
final class IpcLogger implements System.Logger {
    private final String name;
    private volatile System.Logger jdkLogger;

    IpcLogger(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        IpcWriter ipc = EngineLog.ipc();
        return ipc != null ? ipc.logs(EngineLog.toLogLevel(level)) : jdkLogger().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        IpcWriter ipc = EngineLog.ipc();
        if (ipc == null) {
            jdkLogger().log(level, bundle, message, thrown);
        } else {
            EngineLog.send(ipc, EngineLog.toLogLevel(level), message, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        IpcWriter ipc = EngineLog.ipc();
        if (ipc == null) {
            jdkLogger().log(level, bundle, format, params);
        } else {
            LogLevel logLevel = EngineLog.toLogLevel(level);
            if (ipc.logs(logLevel)) {
                // System.Logger's convention: java.text.MessageFormat placeholders, {0} {1} ...
                ipc.log(logLevel, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        }
    }

    private System.Logger jdkLogger() {
        System.Logger logger = jdkLogger;
        if (logger == null) {
            logger = System.getLogger(name);
            jdkLogger = logger;
        }
        return logger;
    }
}
