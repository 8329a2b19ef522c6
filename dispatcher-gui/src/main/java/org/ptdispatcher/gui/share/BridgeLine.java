package org.ptdispatcher.gui.share;

import org.ptdispatcher.engine.common.HostPort;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Tor bridge line: {@code [Bridge] transport address [fingerprint] key=value ...}, for example
 * {@code obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=... iat-mode=0}.
 * The fingerprint is optional (tor accepts a line without one).
 *
 * @param args the transport's arguments in the order given
 */
public record BridgeLine(String transport, HostPort address, Optional<String> fingerprint, Map<String, String> args) {
    private static final Pattern TRANSPORT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern FINGERPRINT = Pattern.compile("(?i)[0-9a-f]{40}");
    private static final Pattern TOR_WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LEADING_TOR_WHITESPACE = Pattern.compile("^\\s+");

    public BridgeLine {
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        fingerprint = fingerprint.map(f -> f.toUpperCase(Locale.ROOT));
    }

    /** Reads one line; {@code Bridge} at its start (as in torrc) is allowed. */
    public static BridgeLine parse(String line) throws ShareFormatException {
        refuseControlCharacters(line);
        // Split as tor splits a bridge line: on its six whitespace characters, which are Java's \s.
        String[] words = TOR_WHITESPACE.split(LEADING_TOR_WHITESPACE.matcher(line).replaceFirst(""));
        int at = 0;
        if (words.length > 0 && words[0].equalsIgnoreCase("Bridge")) {
            at++;
        }
        if (words.length - at < 2 || words[at].isEmpty()) {
            throw new ShareFormatException("import.problem.bridgeTooShort");
        }
        String transport = words[at++];
        // "Bridge Bridge ..." names no transport: tor would drop the keyword once, and the line this
        // record renders (without the keyword) would then read back with a different transport.
        if (transport.equalsIgnoreCase("Bridge")) {
            throw new ShareFormatException("import.problem.bridgeTransport", transport);
        }
        if (!TRANSPORT.matcher(transport).matches()) {
            if (transport.contains(":") || transport.contains(".")) {
                throw new ShareFormatException("import.problem.bridgeNoTransport");
            }
            throw new ShareFormatException("import.problem.bridgeTransport", transport);
        }
        HostPort address;
        try {
            address = HostPort.parseDestination(words[at++]);
        } catch (IllegalArgumentException e) {
            throw new ShareFormatException("import.problem.bridgeAddress", words[at - 1]);
        }
        Optional<String> fingerprint = Optional.empty();
        if (at < words.length && FINGERPRINT.matcher(words[at]).matches()) {
            fingerprint = Optional.of(words[at++]);
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (; at < words.length; at++) {
            int equals = words[at].indexOf('=');
            if (equals <= 0) {
                throw new ShareFormatException("import.problem.bridgeArgument", words[at]);
            }
            args.putIfAbsent(words[at].substring(0, equals), words[at].substring(equals + 1));
        }
        return new BridgeLine(transport, address, fingerprint, args);
    }

    /**
     * A control character other than whitespace is no part of any bridge line (it comes from a bad
     * copy), and would reach tor's command line, where a NUL cannot go at all.
     */
    private static void refuseControlCharacters(String line) throws ShareFormatException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isISOControl(c) && !TOR_WHITESPACE.matcher(String.valueOf(c)).matches()) {
                throw new ShareFormatException("import.problem.bridgeControl", String.format(Locale.ROOT, "U+%04X", (int) c));
            }
        }
    }

    /** The line as tor's {@code Bridge} option takes it (without the word {@code Bridge}). */
    public String render() {
        StringBuilder out = new StringBuilder(transport).append(' ').append(address);
        fingerprint.ifPresent(f -> out.append(' ').append(f));
        args.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        return out.toString();
    }
}
