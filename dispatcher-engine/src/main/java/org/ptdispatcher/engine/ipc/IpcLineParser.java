package org.ptdispatcher.engine.ipc;

import org.ptdispatcher.engine.common.LogLevel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads lines a PT writes to its parent, in either dialect, into {@link IpcMessage}s. The GUI
 * uses it to follow a running engine (ours or any other PT that speaks the spec) and the tests
 * use it to read what ours wrote. Lines with unknown keywords are not an error: the spec tells
 * parents to ignore them, so they come back empty.
 */
public final class IpcLineParser {
    private IpcLineParser() {
    }

    public static Optional<IpcMessage> parse(String line) {
        String trimmed = stripNewline(line);
        int space = trimmed.indexOf(' ');
        String keyword = space < 0 ? trimmed : trimmed.substring(0, space);
        String rest = space < 0 ? "" : trimmed.substring(space + 1);
        String[] words = rest.isEmpty() ? new String[0] : rest.split(" ");
        switch (keyword) {
            case "VERSION":
                return words.length >= 1 ? Optional.of(new IpcMessage.Version(words[0])) : Optional.empty();
            case "VERSION-ERROR":
                return Optional.of(new IpcMessage.VersionError(LineText.unescape(rest)));
            case "ENV-ERROR":
                return Optional.of(new IpcMessage.EnvError(LineText.unescape(rest)));
            case "PROXY":
                return rest.equals("DONE") ? Optional.of(new IpcMessage.ProxyDone()) : Optional.empty();
            case "PROXY-ERROR":
                return Optional.of(new IpcMessage.ProxyError(LineText.unescape(rest)));
            case "CMETHOD":
                return words.length >= 3 ? Optional.of(new IpcMessage.Cmethod(words[0], words[1], words[2])) : Optional.empty();
            case "CMETHOD-ERROR":
                return words.length >= 1 ? Optional.of(new IpcMessage.CmethodError(words[0], LineText.unescape(afterFirstWord(rest)))) : Optional.empty();
            case "CMETHODS":
                return rest.equals("DONE") ? Optional.of(new IpcMessage.CmethodsDone()) : Optional.empty();
            case "SMETHOD":
                return smethod(words);
            case "SMETHOD-ERROR":
                return words.length >= 1 ? Optional.of(new IpcMessage.SmethodError(words[0], LineText.unescape(afterFirstWord(rest)))) : Optional.empty();
            case "SMETHODS":
                return rest.equals("DONE") ? Optional.of(new IpcMessage.SmethodsDone()) : Optional.empty();
            case "LOG":
                return log(rest);
            case "STATUS":
                return status(rest);
            default:
                return Optional.empty();
        }
    }

    private static Optional<IpcMessage> smethod(String[] words) {
        if (words.length < 2) {
            return Optional.empty();
        }
        Map<String, String> args = Map.of();
        for (int i = 2; i < words.length; i++) {
            if (words[i].startsWith("ARGS:")) {
                args = SmethodArgs.parse(words[i].substring("ARGS:".length()));
            }
        }
        return Optional.of(new IpcMessage.Smethod(words[0], words[1], args));
    }

    private static Optional<IpcMessage> log(String rest) {
        if (rest.startsWith("SEVERITY=")) {
            Map<String, String> pairs = KeyValueLine.parse(rest);
            return Optional.of(new IpcMessage.Log(fromSeverity(pairs.getOrDefault("SEVERITY", "")), pairs.getOrDefault("MESSAGE", "")));
        }
        int space = rest.indexOf(' ');
        String levelWord = space < 0 ? rest : rest.substring(0, space);
        Optional<LogLevel> level = LogLevel.parse(levelWord).filter(l -> l != LogLevel.NONE);
        if (level.isEmpty()) {
            return Optional.of(new IpcMessage.Log(LogLevel.INFO, LineText.unescape(rest)));
        }
        return Optional.of(new IpcMessage.Log(level.get(), space < 0 ? "" : LineText.unescape(rest.substring(space + 1))));
    }

    private static Optional<IpcMessage> status(String rest) {
        Map<String, String> pairs = new java.util.LinkedHashMap<>(KeyValueLine.parse(rest));
        String transport = pairs.remove("TRANSPORT");
        return transport == null ? Optional.empty() : Optional.of(new IpcMessage.Status(transport, pairs));
    }

    private static LogLevel fromSeverity(String severity) {
        switch (severity.toLowerCase(Locale.ROOT)) {
            case "error":
            case "err":
                return LogLevel.ERROR;
            case "warning":
            case "warn":
                return LogLevel.WARN;
            case "debug":
                return LogLevel.DEBUG;
            default:
                return LogLevel.INFO;
        }
    }

    private static String afterFirstWord(String rest) {
        int space = rest.indexOf(' ');
        return space < 0 ? "" : rest.substring(space + 1);
    }

    private static String stripNewline(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
