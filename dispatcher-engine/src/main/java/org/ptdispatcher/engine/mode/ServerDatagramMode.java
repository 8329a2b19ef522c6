package org.ptdispatcher.engine.mode;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.net.PeerReset;
import org.ptdispatcher.engine.relay.TransportTraffic;
import org.ptdispatcher.engine.transport.TransportServer;
import org.ptdispatcher.engine.udp.DatagramFraming;
import org.ptdispatcher.engine.udp.UdpServerTable;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Server {@code -mode transparent-UDP} and {@code -mode STUN} (spec 1.5.5): accepts transport
 * connections, takes the datagrams out of each stream and sends them to the target from a UDP
 * socket of that connection's own, and sends the target's datagrams back over the connection.
 * Each event loop keeps a {@link UdpServerTable} of its connections, swept for idle ones until
 * the listener has closed and the table is empty.
 */
public final class ServerDatagramMode extends ModeListener {
    private static final System.Logger LOG = EngineLog.logger(ServerDatagramMode.class);

    private final TransportServer server;
    private final HostPort target;
    private final DatagramFraming framing;
    private final Duration idleTimeout;
    private final TransportTraffic traffic;
    private final Map<EventLoop, LoopTable> tables = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ServerDatagramMode(NetworkRuntime network, String transportName, TransportServer server, HostPort target,
                              DatagramFraming framing, Duration idleTimeout, TransportTraffic traffic) {
        super(network, transportName);
        this.server = server;
        this.target = target;
        this.framing = framing;
        this.idleTimeout = idleTimeout;
        this.traffic = traffic;
    }

    @Override
    protected void accept(Channel tunnel) {
        Association association = new Association(tunnel, tableOf(tunnel.eventLoop()).table);
        Promise<Optional<HostPort>> handshakeDone = tunnel.eventLoop().newPromise();
        try {
            server.install(tunnel, handshakeDone);
        } catch (RuntimeException e) {
            handshakeDone.tryFailure(e);
        }
        tunnel.pipeline().addLast("datagrams", framing.newDecoder());
        tunnel.pipeline().addLast("to-target", association);
        handshakeDone.addListener(done -> {
            if (done.isSuccess()) {
                association.openSocket();
            } else {
                LOG.log(System.Logger.Level.DEBUG, transportName + ": handshake from " + tunnel.remoteAddress() + " failed: " + done.cause());
            }
        });
    }

    /** No connection comes any more: each table's sweep stops once its connections are gone. */
    @Override
    protected void listenerClosed() {
        closed = true;
        tables.forEach((loop, table) -> {
            try {
                loop.execute(() -> table.stopSweepIfDone(loop));
            } catch (RejectedExecutionException stopping) {
                // The event loop is shutting down, and its sweep with it.
            }
        });
    }

    private LoopTable tableOf(EventLoop loop) {
        return tables.computeIfAbsent(loop, LoopTable::new);
    }

    /** One event loop's connections, and the sweep that expires the idle ones. */
    private final class LoopTable {
        final UdpServerTable<Association, Channel> table = new UdpServerTable<>(new UdpServerTable.Connections<>() {
            @Override
            public boolean send(Association association, ByteBuf datagram) {
                int bytes = datagram.readableBytes();
                boolean sent = association.send(datagram);
                if (sent) {
                    traffic.datagramToNetwork(bytes);
                }
                return sent;
            }

            @Override
            public void sendToTarget(Channel socket, ByteBuf datagram) {
                socket.write(datagram, socket.voidPromise());
            }

            @Override
            public void close(Association association) {
                association.close();
            }
        });
        private final ScheduledFuture<?> sweep;

        LoopTable(EventLoop loop) {
            sweep = IdleSweep.start(loop, idleTimeout, (now, idle) -> {
                table.expire(now, idle);
                stopSweepIfDone(loop);
            });
        }

        void stopSweepIfDone(EventLoop loop) {
            if (closed && table.size() == 0) {
                sweep.cancel(false);
                tables.remove(loop, this);
            }
        }
    }

    /** One transport connection and the UDP socket it talks to the target from. */
    private final class Association extends DatagramTunnelHandler {
        private final UdpServerTable<Association, Channel> table;
        private boolean inTable;
        private Channel socket;

        Association(Channel tunnel, UdpServerTable<Association, Channel> table) {
            super(ServerDatagramMode.this.transportName, tunnel, framing, "a client connection cannot keep up with its target; dropping datagrams");
            this.table = table;
        }

        /**
         * Enters the table once, at the handshake's end or at the first datagram, whichever comes
         * first (a transport may pass on plaintext that came with its handshake before reporting it done).
         */
        private void enterTable() {
            if (!inTable) {
                inTable = true;
                table.accepted(this, System.nanoTime());
                traffic.opened();
                tunnel.closeFuture().addListener(closed -> {
                    traffic.closed();
                    table.closed(this);
                });
            }
        }

        void openSocket() {
            enterTable();
            EventLoop loop = tunnel.eventLoop();
            network.resolver().getResolver(loop).resolve(target.toSocketAddress()).addListener(resolved -> {
                if (!resolved.isSuccess()) {
                    LOG.log(System.Logger.Level.WARNING, transportName + ": cannot resolve the target " + target + ": " + resolved.cause());
                    table.socketFailed(this);
                    return;
                }
                new Bootstrap().group(loop).channel(network.datagramChannelType())
                        .handler(new FromTarget())
                        .connect((InetSocketAddress) resolved.getNow())
                        .addListener(connected -> {
                            if (!connected.isSuccess()) {
                                LOG.log(System.Logger.Level.WARNING, transportName + ": cannot open a UDP socket to " + target + ": " + connected.cause());
                                table.socketFailed(this);
                                return;
                            }
                            Channel opened = ((ChannelFuture) connected).channel();
                            if (!tunnel.isActive() || !table.socketOpened(this, opened)) {
                                opened.close();
                                return;
                            }
                            socket = opened;
                            socket.flush();
                        });
            });
        }

        /** A datagram the client sent through the tunnel. */
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            enterTable();
            traffic.datagramFromNetwork(((ByteBuf) msg).readableBytes());
            table.clientPacket(this, (ByteBuf) msg, System.nanoTime());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (socket != null) {
                socket.flush();
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (PeerReset.isReset(cause)) {
                // A client can reset as many connections as it likes: DEBUG, and counted.
                PeerReset.counted();
                LOG.log(System.Logger.Level.DEBUG, transportName + ": datagram connection from " + ctx.channel().remoteAddress() + " reset by the client");
            } else {
                LOG.log(System.Logger.Level.WARNING, transportName + ": ending a datagram connection from " + ctx.channel().remoteAddress() + ": " + cause.getMessage());
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            LOG.log(System.Logger.Level.DEBUG, transportName + ": datagram connection from " + ctx.channel().remoteAddress() + " closed");
            if (socket != null) {
                socket.close();
            }
            ctx.fireChannelInactive();
        }

        void close() {
            tunnel.close();
            if (socket != null) {
                socket.close();
            }
        }

        /** The target's side: datagrams from it go into this association's table row. */
        private final class FromTarget extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof DatagramPacket packet)) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                table.packetReceived(Association.this, packet.content(), System.nanoTime());
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                tunnel.flush();
                ctx.fireChannelReadComplete();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // ICMP port unreachable when the target is not listening: the association lives on.
                LOG.log(System.Logger.Level.DEBUG, transportName + ": UDP socket to the target: " + cause);
            }
        }
    }
}
