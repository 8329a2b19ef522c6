package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.LogLevel;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the one log a Tor run shows: tor's own messages and, through tor, its pluggable
 * transport's (tor logs a PT's {@code LOG} lines as {@code Managed proxy "PROGRAM": MESSAGE} and its
 * method errors as warnings), each with a level on the engine's scale.
 *
 * @param source    who said it: tor itself, or the PT tor runs
 * @param level     tor's {@code err}, {@code warn}, {@code notice}, {@code info}/{@code debug} as
 *                  ERROR, WARN, INFO, DEBUG
 * @param message   the message without tor's time stamp and level
 */
public record TorLogLine(Source source, LogLevel level, String message, Instant time) {
    public enum Source { TOR, TRANSPORT }

    /** {@code Dec 02 14:25:17.626 [notice] message}: tor's log on stdout. */
    private static final Pattern STDOUT_LINE = Pattern.compile("^[A-Z][a-z]{2} \\d{2} [\\d:.]+ \\[([a-z]+)] (.*)$");
    private static final Pattern TRANSPORT_MESSAGE = Pattern.compile(
            "^(Managed proxy \"[^\"]*\": |Managed proxy at '[^']*'|Managed proxy \"[^\"]*\" having PID|Client managed proxy |Server managed proxy |Could not launch managed proxy)");

    /** A message at tor's level {@code torLevel} ({@code warn}, {@code NOTICE}, ...). */
    public static TorLogLine of(String torLevel, String message, Instant time) {
        return new TorLogLine(TRANSPORT_MESSAGE.matcher(message).find() ? Source.TRANSPORT : Source.TOR, level(torLevel), message, time);
    }

    /** A line tor wrote on stdout; a line without tor's prefix is kept whole at INFO. */
    public static TorLogLine fromStdout(String line, Instant time) {
        Matcher m = STDOUT_LINE.matcher(line);
        return m.matches() ? of(m.group(1), m.group(2), time) : of("notice", line, time);
    }

    static LogLevel level(String torLevel) {
        return switch (torLevel.toLowerCase(Locale.ROOT)) {
            case "err" -> LogLevel.ERROR;
            case "warn" -> LogLevel.WARN;
            case "notice" -> LogLevel.INFO;
            default -> LogLevel.DEBUG;
        };
    }

    /** The bootstrap phase this line announces, if it is tor's "Bootstrapped N%" notice. */
    public Optional<BootstrapStatus> bootstrap() {
        return source == Source.TOR ? BootstrapStatus.fromLogMessage(message) : Optional.empty();
    }
}
