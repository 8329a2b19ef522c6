package org.ptdispatcher.engine.common;

import java.util.Locale;
import java.util.Optional;

/** The proxy modes of spec section 1.1.1 ({@code -mode}), with the spelling used in CMETHOD lines. */
public enum ProxyMode {
    SOCKS5("socks5"),
    TRANSPARENT_TCP("transparent-TCP"),
    TRANSPARENT_UDP("transparent-UDP"),
    STUN("STUN");

    private final String wireName;

    ProxyMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name as the spec writes it, used in {@code -mode} and in CMETHOD lines. */
    public String wireName() {
        return wireName;
    }

    /** True for the modes that carry datagrams rather than a byte stream. */
    public boolean isDatagram() {
        return this == TRANSPARENT_UDP || this == STUN;
    }

    /** Parses a mode name; case does not matter, so {@code transparent-tcp} is accepted too. */
    public static Optional<ProxyMode> parse(String text) {
        for (ProxyMode mode : values()) {
            if (mode.wireName.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
