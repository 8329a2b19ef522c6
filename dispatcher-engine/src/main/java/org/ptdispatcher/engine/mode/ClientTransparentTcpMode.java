package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.relay.PendingInbound;
import org.ptdispatcher.engine.relay.Relay;
import org.ptdispatcher.engine.relay.TransportTraffic;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportOptions;

/**
 * Client {@code -mode transparent-TCP}: every connection to the listener is carried, as it is,
 * to the PT server named by {@code -target}. No handshake with the application; the transport's
 * options all come from {@code -options}.
 */
public final class ClientTransparentTcpMode extends ModeListener {
    private static final System.Logger LOG = EngineLog.logger(ClientTransparentTcpMode.class);

    private final TransportClient client;
    private final Dialer dialer;
    private final HostPort server;
    private final TransportTraffic traffic;

    public ClientTransparentTcpMode(NetworkRuntime network, String transportName, TransportClient client, Dialer dialer, HostPort server,
                                    TransportTraffic traffic) throws InvalidTransportOptionsException {
        super(network, transportName);
        this.client = client;
        this.dialer = dialer;
        this.server = server;
        this.traffic = traffic;
        client.check(TransportOptions.empty());
    }

    @Override
    protected boolean relaysAfterHandshake() {
        return true;
    }

    @Override
    protected void accept(Channel channel) {
        channel.config().setAutoRead(false);
        PendingInbound.install(channel);
        channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.pipeline().remove(this);
                open(ctx.channel());
                ctx.fireChannelActive();
            }
        });
    }

    private void open(Channel app) {
        ClientConnection connection;
        try {
            connection = client.open(server, TransportOptions.empty());
        } catch (InvalidTransportOptionsException e) {
            LOG.log(System.Logger.Level.WARNING, transportName + ": " + e.getMessage());
            app.close();
            return;
        }
        ClientTunnel.open(app, connection, dialer).addListener(opened -> {
            if (!opened.isSuccess()) {
                LOG.log(System.Logger.Level.INFO, transportName + ": connection to the PT server failed: " + opened.cause());
                app.close();
                return;
            }
            Relay.start(app, (Channel) opened.getNow(), traffic, transportName + " transparent connection to " + server);
        });
    }
}
