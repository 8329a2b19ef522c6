package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.config.HostPort;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.relay.PendingInbound;
import org.ptdispatcher.engine.relay.Relay;
import org.ptdispatcher.engine.transport.TransportServer;

import java.util.Optional;

/**
 * Server side of the TCP modes: accepts transport connections, lets the transport unwrap them,
 * then carries the plaintext to the target. The configured target wins; a destination the
 * client sent inside the transport (Shadowsocks' proxy model) is used only when the server has
 * no fixed target.
 */
public final class ServerTcpMode extends ModeListener {
    private static final System.Logger LOG = System.getLogger(ServerTcpMode.class.getName());

    private final TransportServer server;
    private final Dialer dialer;
    private final Optional<HostPort> target;

    public ServerTcpMode(NetworkRuntime network, String transportName, TransportServer server, Dialer dialer, Optional<HostPort> target) {
        super(network, transportName);
        this.server = server;
        this.dialer = dialer;
        this.target = target;
    }

    @Override
    protected void accept(Channel channel) {
        Promise<Optional<HostPort>> handshakeDone = channel.eventLoop().newPromise();
        try {
            server.install(channel, handshakeDone);
        } catch (RuntimeException e) {
            handshakeDone.tryFailure(e);
        }
        PendingInbound.install(channel);
        handshakeDone.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.log(System.Logger.Level.DEBUG, transportName + ": handshake from " + channel.remoteAddress() + " failed: " + done.cause());
                return;
            }
            Optional<HostPort> destination = target.or(() -> handshakeDone.getNow());
            if (destination.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, transportName + ": a client connected but there is no target to forward it to");
                channel.close();
                return;
            }
            forward(channel, destination.get());
        });
    }

    private void forward(Channel client, HostPort destination) {
        dialer.dial(client.eventLoop(), destination).addListener(dialed -> {
            if (!dialed.isSuccess()) {
                LOG.log(System.Logger.Level.WARNING, transportName + ": cannot reach the target: " + dialed.cause());
                client.close();
                return;
            }
            Channel outbound = (Channel) dialed.getNow();
            if (!client.isActive()) {
                outbound.close();
                return;
            }
            Relay.start(client, outbound, transportName + " server connection from " + client.remoteAddress());
        });
    }
}
