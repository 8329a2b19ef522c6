package org.ptdispatcher.engine.common;

import java.util.Locale;
import java.util.Optional;

/** The {@code -ipcLogLevel} values, most severe first; NONE sends no LOG lines at all. */
public enum LogLevel {
    NONE, ERROR, WARN, INFO, DEBUG;

    /** Whether a message at {@code level} passes when this is the configured threshold. */
    public boolean admits(LogLevel level) {
        return level != NONE && this != NONE && level.ordinal() <= ordinal();
    }

    public static Optional<LogLevel> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
