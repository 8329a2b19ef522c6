package org.ptdispatcher.engine.mode;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.relay.TransportTraffic;
import org.ptdispatcher.engine.transport.shadow.Sip022ClientSessions;
import org.ptdispatcher.engine.transport.shadow.Sip022Datagrams;
import org.ptdispatcher.engine.transport.shadow.Sip022PacketException;
import org.ptdispatcher.engine.transport.shadow.Sip022SessionTimeout;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Client {@code -mode transparent-UDP} of a Shadowsocks 2022 shadow client: where
 * {@link ClientDatagramMode} frames datagrams into a stream transport, this sends each one as a
 * SIP022 UDP packet (SIP022 3.2) to the PT server's address ({@code -target}) over UDP, as
 * Shadowsocks itself does: no connection to open, so no datagram waits for one, and no stream to
 * stall a lost packet's successors. One socket towards the server carries every source's session
 * ({@link Sip022ClientSessions}: the session id in a reply says whose it is). The packet's address
 * is the server's own, as the TCP header's is in transparent mode: the server sends to its {@code -target}.
 *
 * <p>Both sockets share one event loop, and with it the session table.
 */
public final class Sip022ClientDatagramMode implements ProxyListener {
    private static final System.Logger LOG = EngineLog.logger(Sip022ClientDatagramMode.class);

    private final NetworkRuntime network;
    private final String transportName;
    private final Sip022Datagrams sip022;
    private final HostPort server;
    private final Duration idleTimeout;
    private final TransportTraffic traffic;

    public Sip022ClientDatagramMode(NetworkRuntime network, String transportName, Sip022Datagrams sip022, HostPort server,
                                    Duration idleTimeout, TransportTraffic traffic) {
        this.network = network;
        this.transportName = transportName;
        this.sip022 = sip022;
        this.server = server;
        // SIP022 3.2.4: a session forgotten sooner than 60 s would take replays of its packets again.
        this.idleTimeout = Sip022SessionTimeout.atLeastMinimum(idleTimeout);
        this.traffic = traffic;
    }

    @Override
    public HostPort bind(HostPort address) throws ListenFailedException {
        Sources sources = new Sources();
        ChannelFuture bound = new Bootstrap()
                .group(network.group())
                .channel(network.datagramChannelType())
                .handler(sources)
                .bind(address.toSocketAddress())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ListenFailedException("cannot listen on " + address + ": " + reason(bound.cause()));
        }
        InetSocketAddress serverAddress = server.toSocketAddress();
        if (serverAddress.isUnresolved()) {
            // Once, at start-up: packets go to one address, as the TCP dials of ClientDatagramMode go to one name.
            serverAddress = new InetSocketAddress(server.host(), server.port());
        }
        if (serverAddress.isUnresolved()) {
            bound.channel().close();
            throw new ListenFailedException("cannot resolve the PT server " + server);
        }
        ChannelFuture toServer = new Bootstrap()
                .group(bound.channel().eventLoop())
                .channel(network.datagramChannelType())
                .handler(new FromServer(sources))
                .connect(serverAddress)
                .awaitUninterruptibly();
        if (!toServer.isSuccess()) {
            bound.channel().close();
            throw new ListenFailedException("cannot open a UDP socket to the PT server " + server + ": " + reason(toServer.cause()));
        }
        sources.toServer = toServer.channel();
        network.trackListener(bound.channel());
        network.trackListener(toServer.channel());
        return HostPort.of((InetSocketAddress) bound.channel().localAddress());
    }

    private static String reason(Throwable cause) {
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The application side: each source's datagrams sealed into its session's packets. */
    private final class Sources extends DatagramBytesHandler {
        private final Sip022ClientSessions sessions = sip022.clientSessions(idleTimeout);
        private Channel socket;
        private volatile Channel toServer;
        private ScheduledFuture<?> sweeper;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            socket = ctx.channel();
            sweeper = IdleSweep.start(ctx.executor(), idleTimeout, (now, idle) -> sessions.expire(now));
            ctx.fireChannelActive();
        }

        @Override
        void datagramRead(byte[] payload, InetSocketAddress sender) {
            Channel out = toServer;
            if (out == null || !out.isActive()) {
                return; // not yet set up, or shutting down: UDP may drop
            }
            byte[] datagram = sessions.seal(sender, server, payload, System.nanoTime());
            traffic.datagramToNetwork(payload.length);
            out.write(Unpooled.wrappedBuffer(datagram), out.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel out = toServer;
            if (out != null) {
                out.flush();
            }
            ctx.fireChannelReadComplete();
        }

        /** A datagram from the server: its payload to the source whose session it names. */
        void fromServer(byte[] datagram) {
            Sip022ClientSessions.Reply reply;
            try {
                reply = sessions.open(datagram, System.nanoTime());
            } catch (Sip022PacketException refused) {
                // Anyone can send to our socket: a refusal is routine, not worth more than DEBUG.
                LOG.log(System.Logger.Level.DEBUG, transportName + ": dropped a packet from the server: " + refused.getMessage());
                return;
            }
            traffic.datagramFromNetwork(reply.payload().length);
            socket.write(new DatagramPacket(Unpooled.wrappedBuffer(reply.payload()), reply.source()), socket.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP errors from sources that went away surface here; the socket serves on.
            LOG.log(System.Logger.Level.DEBUG, transportName + ": UDP socket: " + cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (sweeper != null) {
                sweeper.cancel(false);
            }
            Channel out = toServer;
            if (out != null) {
                out.close();
            }
            ctx.fireChannelInactive();
        }
    }

    /** The socket towards the server: its packets, opened by the sources' table. */
    private final class FromServer extends DatagramBytesHandler {
        private final Sources sources;

        FromServer(Sources sources) {
            this.sources = sources;
        }

        @Override
        void datagramRead(byte[] datagram, InetSocketAddress sender) {
            sources.fromServer(datagram);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            sources.socket.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable while the server is down: the socket serves on, the next packet may get through.
            LOG.log(System.Logger.Level.DEBUG, transportName + ": UDP socket to the PT server: " + cause);
        }
    }
}
