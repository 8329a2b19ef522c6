package org.ptdispatcher.engine.ipc;

import java.nio.charset.StandardCharsets;

/**
 * Text made fit for one IPC line: the grammar allows any US-ASCII but NUL and NL, and a parent's
 * log shows the line to a person, so anything that is not printable ASCII is written as a C
 * escape: {@code \t}, {@code \r}, {@code \n}, and {@code \xNN} for the other control characters,
 * DEL and each byte of a non-ASCII character's UTF-8; a backslash is doubled, so that
 * {@link #unescape} gives back exactly the text (the app shows messages as they were meant). Messages often carry bytes from the network
 * (a SOCKS domain name, a peer's address text); escaped, a peer cannot end a line, forge the
 * next one, or send terminal control sequences to whoever reads the log.
 */
public final class LineText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LineText() {
    }

    /** Free text (a LOG or error message): every escape, the backslash doubled, so {@link #unescape} reverses it. */
    public static String escape(String text) {
        return escape(text, true);
    }

    /**
     * A line whose fields have escapes of their own (SMETHOD's ARGS, STATUS's quoted values): the
     * control characters and non-ASCII escaped, backslashes left as they are.
     */
    public static String escapeControls(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean doubleBackslash) {
        if (isPlain(text, doubleBackslash)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\\' -> out.append(doubleBackslash ? "\\\\" : "\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The text {@link #escape} was given; a backslash that starts no escape it writes stands for itself. */
    public static String unescape(String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(i + 1);
                int value = switch (e) {
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case '\\' -> '\\';
                    case 'x' -> i + 3 < line.length() ? hex(line.charAt(i + 2), line.charAt(i + 3)) : -1;
                    default -> -1;
                };
                if (value >= 0) {
                    out.write(value);
                    i += e == 'x' ? 3 : 1;
                    continue;
                }
            }
            byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(raw, 0, raw.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private static boolean isPlain(String text, boolean doubleBackslash) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || (doubleBackslash && c == '\\')) {
                return false;
            }
        }
        return true;
    }
}
