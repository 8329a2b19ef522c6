package org.ptdispatcher.gui.tor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of a control-port line: leading positional words ({@code STATUS_CLIENT NOTICE
 * BOOTSTRAP}) and {@code KEY=VALUE} arguments, where a value may be a quoted string. Tor writes
 * many quoted strings as C strings (control-spec 2.1.1), so {@code \n}, {@code \t}, {@code \r} and
 * octal escapes are read as C escapes and a backslash before anything else stands for that character.
 */
public record ControlArguments(List<String> words, Map<String, String> keywords) {
    public ControlArguments {
        words = List.copyOf(words);
        keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    public static ControlArguments parse(String text) {
        List<String> words = new ArrayList<>();
        Map<String, String> keywords = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && text.charAt(i) != ' ' && text.charAt(i) != '=' && text.charAt(i) != '"') {
                i++;
            }
            String key = text.substring(start, i);
            if (i < n && text.charAt(i) == '=' && !key.isEmpty()) {
                i++;
                StringBuilder value = new StringBuilder();
                i = readValue(text, i, value);
                keywords.putIfAbsent(key, value.toString());
            } else if (i < n && text.charAt(i) == '"') {
                StringBuilder value = new StringBuilder(key);
                i = readValue(text, i, value);
                words.add(value.toString());
            } else {
                while (i < n && text.charAt(i) != ' ') {
                    i++;
                }
                words.add(text.substring(start, i));
            }
        }
        return new ControlArguments(words, keywords);
    }

    /** Reads a bare or quoted value starting at {@code i} into {@code out}; returns where it ended. */
    private static int readValue(String text, int i, StringBuilder out) {
        int n = text.length();
        if (i >= n || text.charAt(i) != '"') {
            int start = i;
            while (i < n && text.charAt(i) != ' ') {
                i++;
            }
            out.append(text, start, i);
            return i;
        }
        i++;
        while (i < n && text.charAt(i) != '"') {
            char c = text.charAt(i++);
            if (c != '\\' || i >= n) {
                out.append(c);
                continue;
            }
            char e = text.charAt(i++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int k = 0; k < 2 && i < n && text.charAt(i) >= '0' && text.charAt(i) <= '7'; k++) {
                            value = value * 8 + (text.charAt(i++) - '0');
                        }
                        out.append((char) value);
                    } else {
                        out.append(e);
                    }
                }
            }
        }
        return Math.min(n, i + 1);
    }

    /** Escapes {@code value} as a control-spec QuotedString (for commands to tor). */
    public static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
