package org.ptdispatcher.engine.transport.shadow;

import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.time.Duration;
import java.util.Optional;

/**
 * What a shadow client or server needs to carry datagrams as Shadowsocks 2022 UDP packets
 * (SIP022 3.2) rather than framed inside a stream: the method and the pre-shared key. Only the
 * 2022 ciphers have such packets of their own; the AEAD edition's UDP relay is not supported.
 *
 * @param psk the pre-shared key; callers must not change it
 */
public record Sip022Datagrams(Sip022Method method, byte[] psk) {
    /** The 2022 method and key of a shadow transport's options, if they name a 2022 cipher. */
    public static Optional<Sip022Datagrams> of(TransportOptions options) throws InvalidTransportOptionsException {
        Optional<Sip022Method> method = ShadowSettings.sip022(options);
        if (method.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sip022Datagrams(method.get(), ShadowSettings.masterKey(options, method.get().aead())));
    }

    public Sip022ClientSessions clientSessions(Duration timeout) {
        return Sip022ClientSessions.of(method, psk, timeout);
    }

    public Sip022ServerSessions serverSessions(Duration timeout) {
        return Sip022ServerSessions.of(method, psk, timeout);
    }
}
