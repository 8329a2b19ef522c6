package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.HostPort;

import java.util.Optional;

/**
 * Where a client tor, once ready, takes connections: its SOCKS5 port and its HTTP CONNECT port; and
 * the bridge it went through then ({@link BridgeInUse}), named as {@link TorStatusInterpreter#name}
 * names it, when tor's circuits told.
 */
public record TorProxies(HostPort socks, HostPort http, Optional<String> bridgeInUse) {
    public TorProxies(HostPort socks, HostPort http) {
        this(socks, http, Optional.empty());
    }

    public TorProxies withBridgeInUse(String bridge) {
        return new TorProxies(socks, http, Optional.of(bridge));
    }

    /** {@code Ready: SOCKS5 127.0.0.1:P, HTTP 127.0.0.1:Q}. */
    public String readyLine() {
        return "Ready: SOCKS5 " + socks + ", HTTP " + http;
    }

    /**
     * The first address of a {@code GETINFO net/listeners/...} value: a space-separated list of
     * quoted {@code "127.0.0.1:P"}.
     */
    static HostPort firstListener(String value) throws ControlProtocolException {
        for (String word : ControlArguments.parse(value).words()) {
            try {
                return HostPort.parseDestination(word);
            } catch (IllegalArgumentException e) {
                // not an address: look further
            }
        }
        throw new ControlProtocolException("no listener address in " + value);
    }
}
