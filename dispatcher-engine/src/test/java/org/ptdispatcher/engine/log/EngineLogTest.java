package org.ptdispatcher.engine.log;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.ipc.IpcWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engine and Netty messages as LOG lines, once the dispatcher has pointed logging at its IPC channel. */
class EngineLogTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final IpcWriter writer = new IpcWriter(out, new ByteArrayOutputStream());

    private String lines() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void engineMessagesFollowTheParentsLevel() {
        EngineLog.useIpc(writer);
        System.Logger log = EngineLog.logger(EngineLogTest.class);
        log.log(System.Logger.Level.ERROR, "before the configuration is read, nothing");
        writer.useLogLevel(LogLevel.INFO);
        log.log(System.Logger.Level.DEBUG, "too detailed");
        log.log(System.Logger.Level.INFO, "listening");
        log.log(System.Logger.Level.WARNING, "cannot forward", new IOException("refused", new ConnectException("no route")));
        log.log(System.Logger.Level.ERROR, "{0} of {1}", 1, 2);
        assertFalse(log.isLoggable(System.Logger.Level.DEBUG));
        assertTrue(log.isLoggable(System.Logger.Level.WARNING));
        assertEquals("LOG INFO listening\n"
                + "LOG WARN cannot forward: IOException: refused (caused by ConnectException: no route)\n"
                + "LOG ERROR 1 of 2\n", lines());
    }

    @Test
    void nettyMessagesStopAtInfoAndUseTheirPlaceholders() {
        EngineLog.useIpc(writer);
        writer.useLogLevel(LogLevel.DEBUG);
        InternalLogger netty = InternalLoggerFactory.getInstance("io.netty.test");
        netty.debug("allocator: {}", "internal detail");
        netty.trace("even more");
        netty.info("{} and {}", "one", "two");
        netty.warn("failed: {}", "x", new IllegalStateException("broken"));
        assertFalse(netty.isDebugEnabled());
        assertEquals("LOG INFO one and two\n"
                + "LOG WARN failed: x: IllegalStateException: broken\n", lines());
    }
}
