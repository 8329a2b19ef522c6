package org.ptdispatcher.engine.mode;

import org.ptdispatcher.engine.common.HostPort;

import java.util.Optional;

/**
 * Tells the parent how each outgoing transport connection went (pt-spec's STATUS message), where
 * the negotiated version has such a message.
 */
@FunctionalInterface
public interface ConnectionReporter {
    ConnectionReporter NONE = (transport, server, failure) -> { };

    /**
     * @param server  the PT server the connection went to
     * @param failure why it failed, or empty when it succeeded
     */
    void report(String transport, HostPort server, Optional<String> failure);
}
