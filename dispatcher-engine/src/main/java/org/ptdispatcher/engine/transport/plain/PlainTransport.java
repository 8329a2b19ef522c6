package org.ptdispatcher.engine.transport.plain;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * No obfuscation at all: the bytes on the wire are the application's. It exists so the whole
 * pipeline (IPC, SOCKS, modes, relay) runs end to end without a cipher in the way, and as the
 * baseline for benchmarks. It hides nothing from a censor.
 */
public final class PlainTransport implements Transport {

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public String summary() {
        return "No obfuscation: carries the application's bytes as they are (for testing and benchmarks).";
    }

    @Override
    public List<TransportOption> options() {
        return List.of();
    }

    @Override
    public TransportClient client(TransportContext context, TransportOptions options) {
        return new TransportClient() {
            @Override
            public void check(TransportOptions connectionArgs) {
                // plain reads no options
            }

            @Override
            public ClientConnection open(HostPort requested, TransportOptions connectionArgs) {
                return ClientConnection.of(requested, (channel, handshakeDone) -> handshakeDone.setSuccess(null));
            }
        };
    }

    @Override
    public TransportServer server(TransportContext context, TransportOptions options) {
        return new TransportServer() {
            @Override
            public Map<String, String> announcement() {
                return Map.of();
            }

            @Override
            public void install(Channel channel, Promise<Optional<HostPort>> handshakeDone) {
                handshakeDone.setSuccess(Optional.empty());
            }
        };
    }
}
