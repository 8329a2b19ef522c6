package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.net.ConnectFailure;
import org.ptdispatcher.engine.net.OccasionalWarning;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.relay.PendingInbound;
import org.ptdispatcher.engine.relay.Relay;
import org.ptdispatcher.engine.relay.TransportTraffic;
import org.ptdispatcher.engine.transport.SessionTransportServer;
import org.ptdispatcher.engine.transport.TransportServer;

import java.util.Optional;

/**
 * Server side of the TCP modes: accepts transport connections, lets the transport unwrap them,
 * then carries the plaintext onward through its {@link ServerForwarder} (the target, or tor's
 * Extended ORPort).
 */
public final class ServerTcpMode extends ModeListener {
    private static final System.Logger LOG = EngineLog.logger(ServerTcpMode.class);

    private final TransportServer server;
    private final ServerForwarder forwarder;
    private final TransportTraffic traffic;
    private final OccasionalWarning forwardFailures = new OccasionalWarning(LOG, java.time.Duration.ofMinutes(1));

    public ServerTcpMode(NetworkRuntime network, String transportName, TransportServer server, ServerForwarder forwarder,
                         TransportTraffic traffic) {
        super(network, transportName);
        this.server = server;
        this.forwarder = forwarder;
        this.traffic = traffic;
    }

    @Override
    protected boolean relaysAfterHandshake() {
        return true;
    }

    @Override
    protected void accept(Channel channel) {
        if (server instanceof SessionTransportServer sessions) {
            sessions.serve(channel, this::acceptSession);
            return;
        }
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
            forward(channel, handshakeDone.getNow());
        });
    }

    /** A stream a session server made (a meek session): forwarded as an accepted connection whose handshake is done. */
    private void acceptSession(Channel session) {
        PendingInbound.install(session);
        session.config().setAutoRead(true);
        forward(session, Optional.empty());
    }

    private void forward(Channel client, Optional<HostPort> requested) {
        forwarder.open(client, requested).addListener(opened -> {
            if (!opened.isSuccess()) {
                // A client can cause this at will (a destination that refuses, in the proxy model): one
                // WARNING a minute at most; out of descriptors, DescriptorShortage has said so already.
                String why = transportName + ": cannot forward a client: " + opened.cause().getMessage();
                if (ConnectFailure.isDescriptorShortage(opened.cause())) {
                    LOG.log(System.Logger.Level.DEBUG, why);
                } else {
                    forwardFailures.warn(why);
                }
                client.close();
                return;
            }
            Channel outbound = (Channel) opened.getNow();
            if (!client.isActive()) {
                outbound.close();
                return;
            }
            Relay.start(outbound, client, traffic, transportName + " server connection from " + client.remoteAddress());
        });
    }
}
