package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.OutputLine;
import org.ptdispatcher.gui.testing.ChosenFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** An engine's log: the filter, the search, and saving what they show to the file the person chose. */
class LogViewModelTest {
    private final ChosenFiles files = new ChosenFiles();
    private final LogViewModel log = new LogViewModel(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), files);

    @TempDir
    Path dir;

    private void engineWrote(String... lines) {
        for (String line : lines) {
            log.add(OutputLine.parse(OutputLine.Stream.STDOUT, line, Instant.EPOCH));
        }
    }

    @Test
    void theFilterHidesMoreDetailedLinesAndTheSearchIgnoresCase() {
        engineWrote("VERSION 2.2", "LOG DEBUG plain: detail", "LOG WARN plain: slow bind");
        log.note(LogLevel.ERROR, "could not start: no such file");
        log.levelFilterProperty().set(LogLevel.WARN);
        assertEquals(List.of(LogLevel.WARN, LogLevel.ERROR), log.visible().stream().map(LogEntry::level).toList());
        log.searchProperty().set("BIND");
        assertEquals(1, log.visible().size());
        log.searchProperty().set("");
        log.levelFilterProperty().set(LogLevel.DEBUG);
        assertEquals(4, log.visible().size(), "every line is kept, whatever was shown");
    }

    @Test
    void theVisibleLogIsSavedWhereThePersonChoseAndAFailureSaysWhere() throws Exception {
        engineWrote("VERSION 2.2", "LOG DEBUG plain: detail", "SMETHODS DONE");
        log.levelFilterProperty().set(LogLevel.INFO);
        Path file = dir.resolve("saved.txt");
        assertEquals(Optional.empty(), log.saveVisible("Save the log"), "cancelled");
        assertFalse(Files.exists(file));

        files.choose(file);
        assertEquals(Optional.empty(), log.saveVisible("Save the log"));
        assertEquals(log.visibleText(), Files.readString(file));
        assertFalse(Files.readString(file).contains("detail"), "what the filter hides is not saved");

        Path nowhere = dir.resolve("no-such-folder").resolve("log.txt");
        files.choose(nowhere);
        assertEquals(nowhere, log.saveVisible("Save the log").orElseThrow().file());
        assertEquals(List.of("Save the log", "Save the log", "Save the log"), files.asked());
    }
}
