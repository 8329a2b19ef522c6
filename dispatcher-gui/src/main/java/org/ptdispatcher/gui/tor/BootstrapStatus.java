package org.ptdispatcher.gui.tor;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far tor has come in connecting to the Tor network: the percentage, tor's stable tag for the
 * phase (control-spec section 5, such as {@code conn_pt} or {@code requesting_descriptors}: what a
 * translation is keyed on) and tor's English summary.
 */
public record BootstrapStatus(int percent, String tag, String summary) {
    /** Tor's own notice line: {@code Bootstrapped 45% (requesting_descriptors): Asking for relay descriptors}. */
    private static final Pattern LOG_LINE = Pattern.compile("Bootstrapped (\\d{1,3})% \\(([A-Za-z0-9_]+)\\): (.*)");

    public BootstrapStatus {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("bootstrap percent " + percent);
        }
    }

    public static final BootstrapStatus STARTING = new BootstrapStatus(0, "starting", "Starting");

    public boolean isDone() {
        return percent == 100;
    }

    /** The arguments of a {@code BOOTSTRAP} status event or of {@code GETINFO status/bootstrap-phase}. */
    public static Optional<BootstrapStatus> fromEvent(Map<String, String> arguments) {
        try {
            int percent = Integer.parseInt(arguments.getOrDefault("PROGRESS", ""));
            if (percent < 0 || percent > 100) {
                return Optional.empty();
            }
            return Optional.of(new BootstrapStatus(percent, arguments.getOrDefault("TAG", ""), arguments.getOrDefault("SUMMARY", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Tor's notice about a phase in a log message, the fallback before the control port answers. */
    public static Optional<BootstrapStatus> fromLogMessage(String message) {
        Matcher m = LOG_LINE.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        int percent = Integer.parseInt(m.group(1));
        return percent > 100 ? Optional.empty() : Optional.of(new BootstrapStatus(percent, m.group(2), m.group(3).trim()));
    }

    /** The line the headless command prints: {@code Bootstrapped 45%: Asking for relay descriptors}. */
    public String progressLine() {
        return "Bootstrapped " + percent + "%: " + summary;
    }
}
