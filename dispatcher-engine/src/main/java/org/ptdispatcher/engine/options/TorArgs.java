package org.ptdispatcher.engine.options;

import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tor's key=value micro-formats (pt-spec version 1): per-connection args in SOCKS user/password
 * ({@code k=v;k=v}, with {@code \} escaping {@code \ = ;}) and server transport options
 * ({@code transport:k=v;transport:k=v}, with {@code \} escaping {@code \ : ; =}). Parsing follows
 * goptlib, which is what every Go transport and tor itself agree on: a key may repeat, and the
 * first value wins.
 */
public final class TorArgs {
    private TorArgs() {
    }

    /**
     * Parses {@code k=v;k=v}; the empty string is no args. Errors name the pair by number and the
     * character it starts at, never its text: a malformed pair is often a secret (a password
     * with an unescaped semicolon leaves its tail as a pair of its own).
     */
    public static TransportOptions parseConnectionArgs(String text) throws OptionsSyntaxException {
        Map<String, String> args = new LinkedHashMap<>();
        Cursor in = new Cursor(text);
        for (int pair = 1; !in.atEnd(); pair++) {
            String where = "pair " + pair + " (from character " + (in.position + 1) + ")";
            String key = in.readUntil("=;");
            if (!in.consume('=')) {
                throw new OptionsSyntaxException(where + " has no equals sign");
            }
            if (key.isEmpty()) {
                throw new OptionsSyntaxException(where + " has an empty key");
            }
            String value = in.readUntil(";");
            args.putIfAbsent(key, value);
            in.consume(';');
        }
        return TransportOptions.of(args);
    }

    /**
     * Parses {@code transport:k=v;transport:k=v} into options per transport. Errors name the
     * option by number, the character it starts at and its transport (once a colon has shown
     * the name to be one), never the rest of its text, which is often a secret.
     */
    public static Map<String, TransportOptions> parseServerTransportOptions(String text) throws OptionsSyntaxException {
        Map<String, Map<String, String>> byTransport = new LinkedHashMap<>();
        Cursor in = new Cursor(text);
        for (int option = 1; !in.atEnd(); option++) {
            String where = "option " + option;
            String from = " (from character " + (in.position + 1) + ")";
            String transport = in.readUntil(":=;");
            if (!in.consume(':')) {
                throw new OptionsSyntaxException(where + from + " has no colon after a transport name (write transport:key=value)");
            }
            if (transport.isEmpty()) {
                throw new OptionsSyntaxException(where + from + " has an empty transport name before its colon");
            }
            where += " for transport " + transport + from;
            String key = in.readUntil("=;");
            if (!in.consume('=')) {
                throw new OptionsSyntaxException(where + " has no equals sign (write transport:key=value)");
            }
            if (key.isEmpty()) {
                throw new OptionsSyntaxException(where + " has an empty key");
            }
            String value = in.readUntil(";");
            byTransport.computeIfAbsent(transport, t -> new LinkedHashMap<>()).putIfAbsent(key, value);
            in.consume(';');
        }
        Map<String, TransportOptions> result = new LinkedHashMap<>();
        byTransport.forEach((transport, args) -> result.put(transport, TransportOptions.of(args)));
        return result;
    }

    /** Escapes {@code value} so that none of {@code special} (nor a backslash) ends it early. */
    public static String escape(String value, String special) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || special.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Renders options as {@code k=v;k=v}, the form SOCKS RFC1929 args take. */
    public static String formatConnectionArgs(TransportOptions options) {
        StringBuilder out = new StringBuilder();
        options.asMap().forEach((k, v) -> {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(escape(k, "=;")).append('=').append(escape(v, "=;"));
        });
        return out.toString();
    }

    /** Reads escaped text up to an unescaped stop character. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        boolean consume(char c) {
            if (!atEnd() && text.charAt(position) == c) {
                position++;
                return true;
            }
            return false;
        }

        String readUntil(String stops) throws OptionsSyntaxException {
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(position);
                if (c == '\\') {
                    if (position + 1 >= text.length()) {
                        throw new OptionsSyntaxException("a backslash ends the text (character " + (position + 1) + ") with nothing to escape");
                    }
                    out.append(text.charAt(position + 1));
                    position += 2;
                } else if (stops.indexOf(c) >= 0) {
                    break;
                } else {
                    out.append(c);
                    position++;
                }
            }
            return out.toString();
        }
    }
}
