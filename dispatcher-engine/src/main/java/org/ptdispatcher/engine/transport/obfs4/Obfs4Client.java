package org.ptdispatcher.engine.transport.obfs4;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;

import java.security.SecureRandom;

/** The client half of obfs4: settings from {@code -options} with per-connection SOCKS args laid over them. */
final class Obfs4Client implements TransportClient {
    private final TransportOptions options;
    private final SecureRandom random;
    private final SessionKeyPool sessionKeys;

    Obfs4Client(TransportOptions options, SecureRandom random, SessionKeyPool sessionKeys) {
        this.options = options;
        this.random = random;
        this.sessionKeys = sessionKeys;
    }

    @Override
    public void check(TransportOptions connectionArgs) throws InvalidTransportOptionsException {
        Obfs4ClientArgs.parse(options.overriddenBy(connectionArgs));
    }

    @Override
    public ClientConnection open(HostPort requested, TransportOptions connectionArgs) throws InvalidTransportOptionsException {
        Obfs4ClientArgs args = Obfs4ClientArgs.parse(options.overriddenBy(connectionArgs));
        // Taken before connecting, as the reference makes it then, so the Elligator 2 rejection
        // sampling does not show in the time between connecting and sending.
        EphemeralKeyPair session = sessionKeys.take();
        return ClientConnection.of(requested, (channel, handshakeDone) ->
                channel.pipeline().addLast("obfs4-handshake", new Obfs4ClientHandshakeHandler(args, session, handshakeDone, random)));
    }
}
