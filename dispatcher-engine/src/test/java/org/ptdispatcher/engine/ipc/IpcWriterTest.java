package org.ptdispatcher.engine.ipc;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.LogLevel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IpcWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final IpcWriter writer = new IpcWriter(out, err);

    @Test
    void logLinesFollowTheLevelAndNoneSendsNothing() {
        writer.log(LogLevel.ERROR, "dropped");
        writer.useLogLevel(LogLevel.WARN);
        writer.log(LogLevel.ERROR, "e");
        writer.log(LogLevel.WARN, "w");
        writer.log(LogLevel.INFO, "i");
        assertEquals("LOG ERROR e\nLOG WARN w\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMessageNeverBreaksTheLine() {
        writer.useLogLevel(LogLevel.DEBUG);
        writer.log(LogLevel.DEBUG, "two\nlines\r\0end");
        assertEquals("LOG DEBUG two\\nlines\\r\\x00end\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDialectChoosesTheStream() {
        writer.send(new IpcMessage.EnvError("x"));
        writer.useDialect(new TorPt1Dialect());
        writer.send(new IpcMessage.EnvError("y"));
        assertEquals("ENV-ERROR x\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("ENV-ERROR y\n", out.toString(StandardCharsets.UTF_8));
    }

    /** Issue 15, defect 6: bytes from the network in a message (a SOCKS domain name) cannot forge a line or reach a terminal raw. */
    @Test
    void controlCharactersAndNonAsciiAreEscaped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IpcWriter writer = new IpcWriter(out, new ByteArrayOutputStream());
        writer.useLogLevel(LogLevel.DEBUG);
        writer.log(LogLevel.DEBUG, "host\tname\u001b[31m\u00e9\u007f\rLOG ERROR forged");
        assertEquals("LOG DEBUG host\\tname\\x1b[31m\\xc3\\xa9\\x7f\\rLOG ERROR forged\n", out.toString(StandardCharsets.UTF_8));
    }
}
