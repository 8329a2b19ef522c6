package org.ptdispatcher.engine.mode;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.transport.TransportServer;
import org.ptdispatcher.engine.udp.DatagramFraming;
import org.ptdispatcher.engine.udp.UdpServerTable;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Server {@code -mode transparent-UDP} and {@code -mode STUN} (spec 1.5.5): accepts transport
 * connections, takes the datagrams out of each stream and sends them to the target from a UDP
 * socket of that connection's own, and sends the target's datagrams back over the connection.
 * Each event loop keeps a {@link UdpServerTable} of its connections.
 */
public final class ServerDatagramMode extends ModeListener {
    private static final System.Logger LOG = EngineLog.logger(ServerDatagramMode.class);
    /** Datagrams a client may send before the UDP socket for it is ready; more are dropped. */
    private static final int EARLY_DATAGRAMS = 64;

    private final TransportServer server;
    private final HostPort target;
    private final DatagramFraming framing;
    private final Duration idleTimeout;
    private final Map<EventLoop, UdpServerTable<Channel, Association>> tables = new ConcurrentHashMap<>();

    public ServerDatagramMode(NetworkRuntime network, String transportName, TransportServer server, HostPort target,
                              DatagramFraming framing, Duration idleTimeout) {
        super(network, transportName);
        this.server = server;
        this.target = target;
        this.framing = framing;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void accept(Channel tunnel) {
        Association association = new Association(tunnel);
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

    private UdpServerTable<Channel, Association> tableOf(EventLoop loop) {
        return tables.computeIfAbsent(loop, l -> {
            UdpServerTable<Channel, Association> table = new UdpServerTable<>(new UdpServerTable.Connections<>() {
                @Override
                public boolean send(Association association, ByteBuf datagram) {
                    return association.sendToClient(datagram);
                }

                @Override
                public void close(Association association) {
                    association.close();
                }
            });
            long period = Math.max(1000, idleTimeout.toMillis() / 4);
            l.scheduleAtFixedRate(() -> table.expire(System.nanoTime(), idleTimeout.toNanos()), period, period, TimeUnit.MILLISECONDS);
            return table;
        });
    }

    /** One transport connection and the UDP socket it talks to the target from. */
    private final class Association extends ChannelInboundHandlerAdapter {
        private final Channel tunnel;
        private final Queue<ByteBuf> early = new ArrayDeque<>();
        private Channel socket;
        private boolean droppingReported;

        Association(Channel tunnel) {
            this.tunnel = tunnel;
        }

        void openSocket() {
            EventLoop loop = tunnel.eventLoop();
            network.resolver().getResolver(loop).resolve(target.toSocketAddress()).addListener(resolved -> {
                if (!resolved.isSuccess()) {
                    LOG.log(System.Logger.Level.WARNING, transportName + ": cannot resolve the target " + target + ": " + resolved.cause());
                    tunnel.close();
                    return;
                }
                new Bootstrap().group(loop).channel(network.datagramChannelType())
                        .handler(new FromTarget())
                        .connect((InetSocketAddress) resolved.getNow())
                        .addListener(connected -> {
                            if (!connected.isSuccess()) {
                                LOG.log(System.Logger.Level.WARNING, transportName + ": cannot open a UDP socket to " + target + ": " + connected.cause());
                                tunnel.close();
                                return;
                            }
                            socket = ((io.netty.channel.ChannelFuture) connected).channel();
                            if (!tunnel.isActive()) {
                                socket.close();
                                return;
                            }
                            tableOf(loop).add(socket, this, System.nanoTime());
                            tunnel.closeFuture().addListener(closed -> tableOf(loop).closed(socket));
                            ByteBuf datagram;
                            while ((datagram = early.poll()) != null) {
                                socket.write(datagram, socket.voidPromise());
                            }
                            socket.flush();
                        });
            });
        }

        /** A datagram the client sent through the tunnel. */
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf datagram = (ByteBuf) msg;
            if (socket == null) {
                if (early.size() < EARLY_DATAGRAMS) {
                    early.add(datagram);
                } else {
                    datagram.release();
                }
                return;
            }
            tableOf(ctx.channel().eventLoop()).clientPacket(socket, System.nanoTime());
            socket.write(datagram, socket.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (socket != null) {
                socket.flush();
            }
            ctx.fireChannelReadComplete();
        }

        /** A datagram tunnel has no use for half a connection: the end of input ends it. */
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.close();
            }
            ReferenceCountUtil.release(evt);
        }

        boolean sendToClient(ByteBuf datagram) {
            if (!tunnel.isActive()) {
                datagram.release();
                return false;
            }
            if (!tunnel.isWritable()) {
                datagram.release();
                if (!droppingReported) {
                    droppingReported = true;
                    LOG.log(System.Logger.Level.INFO, transportName + ": a client connection cannot keep up with its target; dropping datagrams");
                }
                return true;
            }
            tunnel.write(framing.encode(tunnel.alloc(), datagram), tunnel.voidPromise());
            return true;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(System.Logger.Level.WARNING, transportName + ": ending a datagram connection from " + ctx.channel().remoteAddress() + ": " + cause.getMessage());
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            LOG.log(System.Logger.Level.DEBUG, transportName + ": datagram connection from " + ctx.channel().remoteAddress() + " closed");
            ByteBuf datagram;
            while ((datagram = early.poll()) != null) {
                datagram.release();
            }
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
                tableOf(ctx.channel().eventLoop()).packetReceived(ctx.channel(), packet.content(), System.nanoTime());
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
