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
        assertEquals("LOG DEBUG two lines  end\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDialectChoosesTheStream() {
        writer.send(new IpcMessage.EnvError("x"));
        writer.useDialect(new TorPt1Dialect());
        writer.send(new IpcMessage.EnvError("y"));
        assertEquals("ENV-ERROR x\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("ENV-ERROR y\n", out.toString(StandardCharsets.UTF_8));
    }
}
