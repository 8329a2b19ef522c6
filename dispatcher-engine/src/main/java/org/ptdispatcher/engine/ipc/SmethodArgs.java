package org.ptdispatcher.engine.ipc;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code ARGS:k=v,k=v} option of SMETHOD lines: backslash escapes {@code \ = ,}. */
public final class SmethodArgs {
    private SmethodArgs() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '=' || c == ',') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Parses the text after {@code ARGS:}; a malformed pair is kept whole as a key with an empty value. */
    public static Map<String, String> parse(String text) {
        Map<String, String> args = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        StringBuilder current = key;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (c == '=' && current == key) {
                current = value;
            } else if (c == ',') {
                args.putIfAbsent(key.toString(), value.toString());
                key.setLength(0);
                value.setLength(0);
                current = key;
            } else {
                current.append(c);
            }
        }
        if (key.length() > 0 || value.length() > 0) {
            args.putIfAbsent(key.toString(), value.toString());
        }
        return args;
    }
}
