package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.crypto.Keystream;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.gui.engine.OutputLine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One line of the log pane: every line the child wrote, with a level. LOG lines keep theirs;
 * error messages are ERROR; the other protocol lines INFO; anything else on stderr (a PT's own
 * diagnostics) WARN, on stdout INFO, except the JVM's note that the engine uses the Vector API's
 * incubator module, which is expected and says nothing the user can act on: DEBUG.
 */
public record LogEntry(Instant time, LogLevel level, OutputLine.Stream stream, String text) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public static LogEntry of(OutputLine line) {
        LogLevel level;
        if (line.message().isPresent()) {
            IpcMessage message = line.message().get();
            if (message instanceof IpcMessage.Log log) {
                level = log.level();
            } else {
                level = message.isError() ? LogLevel.ERROR : LogLevel.INFO;
            }
        } else {
            if (line.stream() == OutputLine.Stream.STDOUT) {
                level = LogLevel.INFO;
            } else {
                level = line.text().equals(Keystream.JVM_INCUBATOR_NOTE) ? LogLevel.DEBUG : LogLevel.WARN;
            }
        }
        return new LogEntry(line.time(), level, line.stream(), line.text());
    }

    /** A line of tor's log (its transport's messages included: tor logs them as {@code Managed proxy ...}). */
    public static LogEntry tor(org.ptdispatcher.gui.tor.TorLogLine line) {
        return new LogEntry(line.time(), line.level(), OutputLine.Stream.STDOUT, "[tor] " + line.message());
    }

    /** A line the app itself adds (start, stop, exit), so the log tells the whole story. */
    public static LogEntry app(Instant time, LogLevel level, String text) {
        return new LogEntry(time, level, OutputLine.Stream.STDERR, "[app] " + text);
    }

    /** As the log pane and a saved log file show it. */
    public String display() {
        return CLOCK.format(time) + "  " + String.format("%-5s", level.name()) + "  " + text;
    }
}
