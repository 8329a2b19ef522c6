package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.OutputLine;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogEntryTest {
    private static LogLevel levelOf(OutputLine.Stream stream, String text) {
        return LogEntry.of(OutputLine.parse(stream, text, Instant.EPOCH)).level();
    }

    @Test
    void logLinesKeepTheirLevelAndErrorsAreErrors() {
        assertEquals(LogLevel.DEBUG, levelOf(OutputLine.Stream.STDOUT, "LOG SEVERITY=debug MESSAGE=\"x\""));
        assertEquals(LogLevel.ERROR, levelOf(OutputLine.Stream.STDOUT, "ENV-ERROR no transports"));
        assertEquals(LogLevel.INFO, levelOf(OutputLine.Stream.STDOUT, "CMETHODS DONE"));
    }

    @Test
    void unknownStderrIsAWarningButTheJvmIncubatorNoteIsNot() {
        assertEquals(LogLevel.WARN, levelOf(OutputLine.Stream.STDERR, "Exception in thread \"main\" java.lang.OutOfMemoryError"));
        assertEquals(LogLevel.DEBUG, levelOf(OutputLine.Stream.STDERR, "WARNING: Using incubator modules: jdk.incubator.vector"));
        assertEquals(LogLevel.INFO, levelOf(OutputLine.Stream.STDOUT, "WARNING: Using incubator modules: jdk.incubator.vector"));
    }
}
