package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.OutputLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One engine's log: every line it wrote and what the app itself noted, kept across its runs, with
 * a level filter and a search, Copy and Save. Changes happen on the delivery thread, as the run's.
 */
public final class LogViewModel {
    private final Clock clock;
    private final FileDialogs files;
    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
    // A read-only view made once: a view made per call would be collected, and the listeners on it lost.
    private final ObservableList<LogEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final FilteredList<LogEntry> visible = new FilteredList<>(entries, e -> true);
    private final ObjectProperty<LogLevel> levelFilter = new SimpleObjectProperty<>(this, "levelFilter", LogLevel.DEBUG);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");

    public LogViewModel(Clock clock, FileDialogs files) {
        this.clock = clock;
        this.files = files;
        levelFilter.addListener(o -> refilter());
        search.addListener(o -> refilter());
    }

    public ObservableList<LogEntry> entries() {
        return entriesView;
    }

    /** The log as the filter and search show it. */
    public ObservableList<LogEntry> visible() {
        return visible;
    }

    /** The most detailed level shown: INFO hides DEBUG lines, ERROR shows only errors. */
    public ObjectProperty<LogLevel> levelFilterProperty() {
        return levelFilter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** A line the engine wrote. */
    void add(OutputLine line) {
        entries.add(LogEntry.of(line));
    }

    /** A line of a Tor run's log: tor's messages and, through tor, the engine's. */
    void addTor(org.ptdispatcher.gui.tor.TorLogLine line) {
        entries.add(LogEntry.tor(line));
    }

    /** What the app itself did (started, stopped, tested), at {@code level}, timed now. */
    void note(LogLevel level, String text) {
        entries.add(LogEntry.app(clock.instant(), level, text));
    }

    /** The visible log as text, for Copy and Save. */
    public String visibleText() {
        return visible.stream().map(LogEntry::display).collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator()));
    }

    /** A log that could not be written: where, and the system's reason. */
    public record SaveFailure(Path file, String reason) {
    }

    /**
     * Asks where to save the visible log ({@code title} names the chooser) and writes it there.
     *
     * @return why it could not be written; empty when it was saved, or the person cancelled
     */
    public Optional<SaveFailure> saveVisible(String title) {
        Optional<Path> file = files.chooseFileToSave(title, "ptdispatcher-log.txt");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.writeString(file.get(), visibleText(), StandardCharsets.UTF_8);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new SaveFailure(file.get(), String.valueOf(e.getMessage())));
        }
    }

    private void refilter() {
        LogLevel threshold = levelFilter.get();
        String text = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        visible.setPredicate(e -> threshold.admits(e.level()) && (text.isEmpty() || e.text().toLowerCase(Locale.ROOT).contains(text)));
    }
}
