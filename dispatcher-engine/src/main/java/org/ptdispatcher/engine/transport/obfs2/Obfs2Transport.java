package org.ptdispatcher.engine.transport.obfs2;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.crypto.TransportRandom;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * obfs2, interoperable with obfs4proxy's. It is weak: its keys travel in the clear, so anyone
 * who records the first bytes can decrypt the rest, and it is easily recognised. It is here only
 * because parents still ask for it. Like obfs4proxy, it refuses the never-used
 * {@code shared-secret} option.
 */
public final class Obfs2Transport implements Transport {

    @Override
    public String name() {
        return "obfs2";
    }

    @Override
    public String summary() {
        return "obfs2 (weak, legacy): scrambles bytes against naive filters; offers no real protection.";
    }

    @Override
    public List<TransportOption> options() {
        return List.of();
    }

    private static void refuseSharedSecret(TransportOptions options) throws InvalidTransportOptionsException {
        if (options.contains("shared-secret")) {
            throw new InvalidTransportOptionsException("option \"shared-secret\" is not supported (obfs4proxy does not support it either)");
        }
    }

    @Override
    public TransportClient client(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        refuseSharedSecret(options);
        return new TransportClient() {
            @Override
            public void check(TransportOptions connectionArgs) throws InvalidTransportOptionsException {
                refuseSharedSecret(connectionArgs);
            }

            @Override
            public ClientConnection open(HostPort requested, TransportOptions connectionArgs) throws InvalidTransportOptionsException {
                refuseSharedSecret(connectionArgs);
                return ClientConnection.of(requested, (channel, handshakeDone) -> installHandlers(channel, true, handshakeDone, TransportRandom.shared()));
            }
        };
    }

    @Override
    public TransportServer server(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        refuseSharedSecret(options);
        return new TransportServer() {
            @Override
            public Map<String, String> announcement() {
                return Map.of();
            }

            @Override
            public void install(Channel channel, Promise<Optional<HostPort>> handshakeDone) {
                Promise<Void> done = channel.eventLoop().newPromise();
                done.addListener(f -> {
                    if (f.isSuccess()) {
                        handshakeDone.trySuccess(Optional.empty());
                    } else {
                        handshakeDone.tryFailure(f.cause());
                    }
                });
                installHandlers(channel, false, done, TransportRandom.shared());
            }
        };
    }

    /** The handshake in front, the data phase behind it: the handshake keys the stream handler and then leaves. */
    static void installHandlers(Channel channel, boolean initiator, Promise<Void> handshakeDone, SecureRandom random) {
        Obfs2StreamHandler stream = new Obfs2StreamHandler();
        channel.pipeline().addLast("obfs2-handshake", new Obfs2HandshakeHandler(initiator, stream, handshakeDone, random));
        channel.pipeline().addLast("obfs2", stream);
    }
}
