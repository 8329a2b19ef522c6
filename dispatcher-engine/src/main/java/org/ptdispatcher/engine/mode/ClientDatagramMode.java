package org.ptdispatcher.engine.mode;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.net.PeerReset;
import org.ptdispatcher.engine.relay.TransportTraffic;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.udp.DatagramFraming;
import org.ptdispatcher.engine.udp.UdpClientTable;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Client {@code -mode transparent-UDP} and {@code -mode STUN} (spec 1.5.3): a UDP socket on the
 * proxy listen address; each datagram source gets its own transport connection to the PT server
 * ({@code -target}), kept in a {@link UdpClientTable}. Datagrams go into the stream in the mode's
 * {@link DatagramFraming}; datagrams the server sends back go from the socket to their source.
 */
public final class ClientDatagramMode implements ProxyListener {
    private static final System.Logger LOG = EngineLog.logger(ClientDatagramMode.class);

    private final NetworkRuntime network;
    private final String transportName;
    private final TransportClient client;
    private final Dialer dialer;
    private final HostPort server;
    private final DatagramFraming framing;
    private final Duration idleTimeout;
    private final TransportTraffic traffic;

    public ClientDatagramMode(NetworkRuntime network, String transportName, TransportClient client, Dialer dialer, HostPort server,
                              DatagramFraming framing, Duration idleTimeout, TransportTraffic traffic) throws InvalidTransportOptionsException {
        this.network = network;
        this.transportName = transportName;
        this.client = client;
        this.dialer = dialer;
        this.server = server;
        this.framing = framing;
        this.idleTimeout = idleTimeout;
        this.traffic = traffic;
        client.check(TransportOptions.empty());
    }

    @Override
    public HostPort bind(HostPort address) throws ListenFailedException {
        ChannelFuture bound = new Bootstrap()
                .group(network.group())
                .channel(network.datagramChannelType())
                .handler(new Sources())
                .bind(address.toSocketAddress())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new ListenFailedException("cannot listen on " + address + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        }
        network.trackListener(bound.channel());
        return HostPort.of((InetSocketAddress) bound.channel().localAddress());
    }

    /** The UDP socket's handler: one table of sources, on the socket's event loop. */
    private final class Sources extends ChannelInboundHandlerAdapter implements UdpClientTable.Tunnels<Channel> {
        private Channel socket;
        private UdpClientTable<Channel> table;
        private ScheduledFuture<?> sweeper;
        /** Tunnels written to since the last flush: one flush per read burst, not per datagram. */
        private final Set<Channel> unflushed = new HashSet<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            socket = ctx.channel();
            table = new UdpClientTable<>(this);
            sweeper = IdleSweep.start(ctx.executor(), idleTimeout, table::expire);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket packet)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ByteBuf datagram = packet.content();
            Optional<String> rejected = framing.rejectDatagram(datagram);
            if (rejected.isPresent()) {
                LOG.log(System.Logger.Level.INFO, transportName + ": dropped a datagram: " + rejected.get());
                packet.release();
                return;
            }
            table.packetReceived(packet.sender(), datagram, System.nanoTime());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushTunnels();
            ctx.fireChannelReadComplete();
        }

        private void flushTunnels() {
            for (Channel tunnel : unflushed) {
                tunnel.flush();
            }
            unflushed.clear();
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
            if (table != null) {
                table.clear();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void open(InetSocketAddress source) {
            ClientConnection connection;
            try {
                connection = client.open(server, TransportOptions.empty());
            } catch (InvalidTransportOptionsException e) {
                LOG.log(System.Logger.Level.WARNING, transportName + ": " + e.getMessage());
                table.failed(source);
                return;
            }
            ClientTunnel.open(socket.eventLoop(), connection, dialer, tunnel -> {
                tunnel.pipeline().addLast("datagrams", framing.newDecoder());
                tunnel.pipeline().addLast("replies", new Replies(source, tunnel));
            }).addListener(opened -> {
                if (!opened.isSuccess()) {
                    LOG.log(System.Logger.Level.INFO, transportName + ": connection to the PT server failed: " + opened.cause());
                    table.failed(source);
                    return;
                }
                Channel tunnel = (Channel) opened.getNow();
                traffic.opened();
                tunnel.closeFuture().addListener(closed -> {
                    traffic.closed();
                    table.closed(source, tunnel);
                });
                table.connected(source, tunnel);
                flushTunnels();
            });
        }

        @Override
        public boolean send(Channel tunnel, ByteBuf datagram) {
            Replies replies = tunnel.pipeline().get(Replies.class);
            if (replies == null) {
                datagram.release(); // closed: its handlers are gone
                return false;
            }
            int bytes = datagram.readableBytes();
            boolean sent = replies.send(datagram);
            if (sent) {
                traffic.datagramToNetwork(bytes);
                unflushed.add(tunnel);
            }
            return sent;
        }

        @Override
        public void close(Channel tunnel) {
            tunnel.close();
        }

        /** Datagrams the server sends back, to their source; and the end of the connection. */
        private final class Replies extends DatagramTunnelHandler {
            private final InetSocketAddress source;

            Replies(InetSocketAddress source, Channel tunnel) {
                super(ClientDatagramMode.this.transportName, tunnel, framing, "the connection for a datagram source cannot keep up; dropping its datagrams");
                this.source = source;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                table.replyReceived(source, System.nanoTime());
                traffic.datagramFromNetwork(((ByteBuf) msg).readableBytes());
                if (socket.isActive()) {
                    socket.write(new DatagramPacket((ByteBuf) msg, source), socket.voidPromise());
                } else {
                    ReferenceCountUtil.release(msg);
                }
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                socket.flush();
                ctx.fireChannelReadComplete();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (PeerReset.isReset(cause)) {
                    PeerReset.counted();
                    LOG.log(System.Logger.Level.DEBUG, transportName + ": a datagram connection was reset by the server");
                } else {
                    LOG.log(System.Logger.Level.WARNING, transportName + ": ending a datagram connection: " + cause.getMessage());
                }
                ctx.close();
            }
        }
    }
}
