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

    /** Parses {@code k=v;k=v}; the empty string is no args. */
    public static TransportOptions parseConnectionArgs(String text) throws OptionsSyntaxException {
        Map<String, String> args = new LinkedHashMap<>();
        Cursor in = new Cursor(text);
        while (!in.atEnd()) {
            int begin = in.position;
            String key = in.readUntil("=;");
            if (key.isEmpty()) {
                throw new OptionsSyntaxException("empty key in \"" + text.substring(begin, in.position) + "\"");
            }
            if (!in.consume('=')) {
                throw new OptionsSyntaxException("no equals sign after key \"" + key + "\"");
            }
            String value = in.readUntil(";");
            args.putIfAbsent(key, value);
            in.consume(';');
        }
        return TransportOptions.of(args);
    }

    /** Parses {@code transport:k=v;transport:k=v} into options per transport. */
    public static Map<String, TransportOptions> parseServerTransportOptions(String text) throws OptionsSyntaxException {
        Map<String, Map<String, String>> byTransport = new LinkedHashMap<>();
        Cursor in = new Cursor(text);
        while (!in.atEnd()) {
            String transport = in.readUntil(":=;");
            if (!in.consume(':')) {
                throw new OptionsSyntaxException("no colon after \"" + transport + "\" (write transport:key=value)");
            }
            if (transport.isEmpty()) {
                throw new OptionsSyntaxException("empty transport name before a colon");
            }
            String key = in.readUntil("=;");
            if (!in.consume('=')) {
                throw new OptionsSyntaxException("no equals sign after \"" + transport + ":" + key + "\"");
            }
            if (key.isEmpty()) {
                throw new OptionsSyntaxException("empty key after \"" + transport + ":\"");
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
                        throw new OptionsSyntaxException("a backslash ends the text with nothing to escape");
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
