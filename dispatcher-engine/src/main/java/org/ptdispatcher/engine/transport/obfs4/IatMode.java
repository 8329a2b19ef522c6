package org.ptdispatcher.engine.transport.obfs4;

import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;

import java.util.Locale;

/**
 * obfs4's inter-arrival-time obfuscation ({@code iat-mode}), which the sender applies to what it
 * sends. 0: none, bursts padded once. 1: bursts cut into segments of at most 1448 bytes with a
 * random pause (0 to 10 ms) after each. 2 (paranoid): every segment's size is drawn from the
 * length distribution as well, padding where needed, with the same pauses.
 */
enum IatMode {
    NONE, ENABLED, PARANOID;

    /** The number written in bridge lines and state files. */
    int number() {
        return ordinal();
    }

    static IatMode ofNumber(int number) throws InvalidTransportOptionsException {
        if (number < 0 || number > 2) {
            throw new InvalidTransportOptionsException("option \"iat-mode\" must be 0, 1 or 2");
        }
        return values()[number];
    }

    /** Parses {@code 0}, {@code 1}, {@code 2} (also as a JSON string) or {@code none}, {@code enabled}, {@code paranoid}. */
    static IatMode parse(String text) throws InvalidTransportOptionsException {
        String t = text.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        switch (t.toLowerCase(Locale.ROOT)) {
            case "0", "none" -> {
                return NONE;
            }
            case "1", "enabled" -> {
                return ENABLED;
            }
            case "2", "paranoid" -> {
                return PARANOID;
            }
            default -> throw new InvalidTransportOptionsException("option \"iat-mode\" must be 0, 1 or 2 (none, enabled, paranoid)");
        }
    }
}
