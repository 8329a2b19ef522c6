package org.ptdispatcher.engine.tls;

import java.util.Objects;
import java.util.Optional;

/**
 * One outgoing TLS connection's choices.
 *
 * @param serverName   the name sent in SNI; empty sends none (Go sends none for an IP literal, and so do we)
 * @param verification how the server's chain is judged
 */
public record TlsClientSettings(Optional<String> serverName, ServerVerification verification) {
    public TlsClientSettings {
        Objects.requireNonNull(serverName);
        Objects.requireNonNull(verification);
    }
}
