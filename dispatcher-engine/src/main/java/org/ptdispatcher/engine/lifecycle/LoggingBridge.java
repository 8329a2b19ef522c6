package org.ptdispatcher.engine.lifecycle;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import org.ptdispatcher.engine.config.LogLevel;
import org.ptdispatcher.engine.ipc.IpcLogHandler;
import org.ptdispatcher.engine.ipc.IpcWriter;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Points every logger in the process (java.util.logging, {@link System.Logger}, Netty's) at the
 * IPC writer, so library output becomes LOG lines at the level the parent asked for and never
 * reaches stdout (or stderr) by itself.
 */
final class LoggingBridge {
    /** Held strongly: java.util.logging forgets the level of loggers nobody references. */
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger NETTY = Logger.getLogger("io.netty");

    private LoggingBridge() {
    }

    /** Installs the bridge with nothing admitted yet; call before anything else logs. */
    static void install(IpcWriter writer) {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        LogManager.getLogManager().reset();
        ROOT.addHandler(new IpcLogHandler(writer));
        useLevel(LogLevel.NONE);
    }

    /** Admits messages down to {@code level}; Netty's internals stop at INFO, they are not ours to debug. */
    static void useLevel(LogLevel level) {
        Level jul = IpcLogHandler.toJulLevel(level);
        ROOT.setLevel(jul);
        NETTY.setLevel(jul.intValue() < Level.INFO.intValue() ? Level.INFO : jul);
    }
}
