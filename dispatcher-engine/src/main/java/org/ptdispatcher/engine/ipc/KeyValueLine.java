package org.ptdispatcher.engine.ipc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tor's {@code KEY=VALUE KEY="quoted value"} lines (control-spec's kvline, used by pt-spec's LOG
 * and STATUS): values with spaces or special characters are C strings, with non-ASCII bytes
 * written as octal escapes so the line stays US-ASCII as the IPC grammar requires.
 */
public final class KeyValueLine {
    private KeyValueLine() {
    }

    /** The value as a quoted C string. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7))).append((char) ('0' + (c & 7)));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The value bare when it is a plain word, else quoted. */
    public static String quoteIfNeeded(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '=')) {
            return value;
        }
        return quote(value);
    }

    /** Parses {@code K=V K="v v"} pairs; a word without {@code =} is kept with an empty value. */
    public static Map<String, String> parse(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && line.charAt(i) != '=' && line.charAt(i) != ' ') {
                i++;
            }
            String key = line.substring(keyStart, i);
            String value = "";
            if (i < n && line.charAt(i) == '=') {
                i++;
                if (i < n && line.charAt(i) == '"') {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    i = unquote(line, i + 1, bytes);
                    value = bytes.toString(StandardCharsets.UTF_8);
                } else {
                    int valueStart = i;
                    while (i < n && line.charAt(i) != ' ') {
                        i++;
                    }
                    value = line.substring(valueStart, i);
                }
            }
            pairs.putIfAbsent(key, value);
        }
        return pairs;
    }

    /** Decodes a C string body starting after its opening quote; returns the index after the closing quote. */
    private static int unquote(String line, int i, ByteArrayOutputStream out) {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c != '\\' || i + 1 >= n) {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(raw, 0, raw.length);
                i++;
                continue;
            }
            char e = line.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'x' -> {
                    int end = i;
                    while (end < n && end < i + 2 && Character.digit(line.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i) {
                        out.write('x');
                    } else {
                        out.write(Integer.parseInt(line.substring(i, end), 16));
                        i = end;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        int digits = 1;
                        while (digits < 3 && i < n && line.charAt(i) >= '0' && line.charAt(i) <= '7') {
                            value = value * 8 + (line.charAt(i++) - '0');
                            digits++;
                        }
                        out.write(value);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return i;
    }
}
