package org.ptdispatcher.engine.mode;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import org.ptdispatcher.engine.httpproxy.HttpProxyHandshake;
import org.ptdispatcher.engine.httpproxy.HttpProxyRequest;
import org.ptdispatcher.engine.httpproxy.HttpStatus;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.net.ConnectFailure;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.relay.PendingInbound;
import org.ptdispatcher.engine.relay.Relay;
import org.ptdispatcher.engine.relay.TransportTraffic;
import org.ptdispatcher.engine.socks.Socks5ServerHandshake;
import org.ptdispatcher.engine.socks.SocksHandshakeTimeout;
import org.ptdispatcher.engine.socks.SocksConnectRequest;
import org.ptdispatcher.engine.socks.SocksReply;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.time.Duration;
import java.util.Optional;

/**
 * Client {@code -mode socks5}: applications speak SOCKS 5 to the listener; each CONNECT becomes
 * a transport connection to the address it names (the PT server, in the bridge model), with the
 * SOCKS args as per-connection transport options. The success reply is sent only once the
 * transport handshake is done, so a failure can still be reported with the right code.
 *
 * <p>The same port takes HTTP proxy requests ({@link SocksOrHttp}): CONNECT, and plain
 * {@code http://} requests forwarded one per connection; their transport args come from
 * {@code Proxy-Authorization: Basic}, as SOCKS's come from RFC 1929.
 */
public final class ClientSocksMode extends ModeListener implements Socks5ServerHandshake.Listener, HttpProxyHandshake.Listener {
    private static final System.Logger LOG = EngineLog.logger(ClientSocksMode.class);

    private final TransportClient client;
    private final Dialer dialer;
    private final ConnectionReporter reporter;
    private final TransportTraffic traffic;
    private final Duration handshakeTimeout = SocksHandshakeTimeout.configured();

    public ClientSocksMode(NetworkRuntime network, String transportName, TransportClient client, Dialer dialer, ConnectionReporter reporter,
                           TransportTraffic traffic) {
        super(network, transportName);
        this.client = client;
        this.dialer = dialer;
        this.reporter = reporter;
        this.traffic = traffic;
    }

    @Override
    protected boolean relaysAfterHandshake() {
        return true;
    }

    @Override
    protected void accept(Channel channel) {
        channel.pipeline().addLast("socks-or-http", new SocksOrHttp(handshakeTimeout, this, this));
        PendingInbound.install(channel);
    }

    @Override
    public void checkArgs(TransportOptions args) throws InvalidTransportOptionsException {
        client.check(args);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocksConnectRequest request) {
        Channel app = ctx.channel();
        ClientConnection connection;
        try {
            connection = client.open(request.destination(), request.args());
        } catch (InvalidTransportOptionsException e) {
            LOG.log(System.Logger.Level.INFO, transportName + ": connection refused: " + e.getMessage());
            SocksReply.SETTINGS_INVALID.writeAndClose(app);
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, transportName + ": SOCKS CONNECT to " + request.destination());
        ClientTunnel.open(app, connection, dialer).addListener(opened -> {
            if (!opened.isSuccess()) {
                if (app.isActive()) {
                    ConnectFailure failure = ConnectFailure.classify(opened.cause());
                    reporter.report(transportName, connection.dialAddress(), Optional.of(describe(opened.cause())));
                    LOG.log(System.Logger.Level.INFO, transportName + ": outgoing connection failed: " + failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                    LOG.log(System.Logger.Level.DEBUG, transportName + ": connection to " + request.destination() + " failed: " + opened.cause());
                    SocksReply.forFailure(failure).writeAndClose(app);
                }
                return;
            }
            Channel tunnel = (Channel) opened.getNow();
            reporter.report(transportName, connection.dialAddress(), Optional.empty());
            SocksReply.SUCCEEDED.write(app, tunnel.localAddress());
            Relay.start(app, tunnel, traffic, transportName + " SOCKS connection to " + request.destination());
        });
    }

    @Override
    public void connect(ChannelHandlerContext ctx, HttpProxyRequest request) {
        Channel app = ctx.channel();
        ClientConnection connection;
        try {
            client.check(request.args());
            connection = client.open(request.destination(), request.args());
        } catch (InvalidTransportOptionsException e) {
            LOG.log(System.Logger.Level.INFO, transportName + ": HTTP proxy request refused: " + e.getMessage());
            HttpStatus.PROXY_AUTHENTICATION_REQUIRED.writeAndClose(app);
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, transportName + ": HTTP " + (request.isTunnel() ? "CONNECT" : "request") + " to " + request.destination());
        ClientTunnel.open(app, connection, dialer).addListener(opened -> {
            if (!opened.isSuccess()) {
                if (app.isActive()) {
                    ConnectFailure failure = ConnectFailure.classify(opened.cause());
                    reporter.report(transportName, connection.dialAddress(), Optional.of(describe(opened.cause())));
                    LOG.log(System.Logger.Level.INFO, transportName + ": outgoing connection failed: " + failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                    HttpStatus.forFailure(failure).writeAndClose(app);
                }
                return;
            }
            Channel tunnel = (Channel) opened.getNow();
            reporter.report(transportName, connection.dialAddress(), Optional.empty());
            if (request.isTunnel()) {
                HttpStatus.CONNECTION_ESTABLISHED.write(app);
            } else {
                tunnel.writeAndFlush(Unpooled.wrappedBuffer(request.forwardedHead())); // before the body the relay carries
            }
            Relay.start(app, tunnel, traffic, transportName + " HTTP connection to " + request.destination());
        });
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
