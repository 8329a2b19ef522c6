package org.ptdispatcher.engine.mode;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.relay.TransportTraffic;
import org.ptdispatcher.engine.transport.shadow.Sip022Datagrams;
import org.ptdispatcher.engine.transport.shadow.Sip022PacketException;
import org.ptdispatcher.engine.transport.shadow.Sip022ServerSessions;
import org.ptdispatcher.engine.transport.shadow.Sip022SessionTimeout;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server {@code -mode transparent-UDP} of a Shadowsocks 2022 shadow server: besides the TCP
 * listener of {@link ServerDatagramMode} (datagrams framed in streams), a UDP socket of the same
 * port number takes SIP022 UDP packets (SIP022 3.2), as a Shadowsocks server listens on both.
 * Each client session ({@link Sip022ServerSessions}) gets a UDP socket of its own towards the
 * {@code -target}, so the target sees one peer per session; its replies go back sealed to the
 * address the session's last valid packet came from. The packets' address is the client's idea of
 * the destination and is ignored: a datagram server always has a target.
 *
 * <p>The UDP socket and every session's socket share one event loop, and with it the table.
 */
public final class Sip022ServerDatagramMode implements ProxyListener {
    private static final System.Logger LOG = EngineLog.logger(Sip022ServerDatagramMode.class);
    /** Datagrams held for a session while its socket to the target opens, as UdpServerTable holds a connection's. */
    private static final int HELD_PER_SESSION = 64;

    private final NetworkRuntime network;
    private final String transportName;
    private final Sip022Datagrams sip022;
    private final HostPort target;
    private final Duration idleTimeout;
    private final TransportTraffic traffic;
    private final ProxyListener streams;

    public Sip022ServerDatagramMode(NetworkRuntime network, String transportName, Sip022Datagrams sip022, HostPort target,
                                    Duration idleTimeout, TransportTraffic traffic, ProxyListener streams) {
        this.network = network;
        this.transportName = transportName;
        this.sip022 = sip022;
        this.target = target;
        // SIP022 3.2.4: a session forgotten sooner than 60 s would take replays of its packets again.
        this.idleTimeout = Sip022SessionTimeout.atLeastMinimum(idleTimeout);
        this.traffic = traffic;
        this.streams = streams;
    }

    /** The TCP listener first, so that port 0 picks a port; then UDP on that same number. */
    @Override
    public HostPort bind(HostPort address) throws ListenFailedException {
        HostPort bound = streams.bind(address);
        HostPort udp = new HostPort(address.host(), bound.port());
        ChannelFuture socket = new Bootstrap()
                .group(network.group())
                .channel(network.datagramChannelType())
                .handler(new Clients())
                .bind(udp.toSocketAddress())
                .awaitUninterruptibly();
        if (!socket.isSuccess()) {
            Throwable cause = socket.cause();
            throw new ListenFailedException("cannot listen for UDP on " + udp + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        }
        network.trackListener(socket.channel());
        return bound;
    }

    @Override
    public void serve() throws ListenFailedException {
        streams.serve();
    }

    /** The socket clients send to: their packets opened by the table, each session's sent on from its own socket. */
    private final class Clients extends DatagramBytesHandler {
        private final Sip022ServerSessions sessions = sip022.serverSessions(idleTimeout);
        private final Map<Long, TargetSocket> sockets = new HashMap<>();
        private Channel socket;
        private ScheduledFuture<?> sweeper;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            socket = ctx.channel();
            sweeper = IdleSweep.start(ctx.executor(), idleTimeout, (now, idle) -> {
                for (long id : sessions.expire(now)) {
                    TargetSocket gone = sockets.remove(id);
                    if (gone != null) {
                        gone.close();
                    }
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        void datagramRead(byte[] datagram, InetSocketAddress sender) {
            Sip022ServerSessions.Request request;
            try {
                request = sessions.open(datagram, sender, System.nanoTime());
            } catch (Sip022PacketException refused) {
                // Anyone can send to this port, probers included: a refusal is routine, DEBUG only.
                LOG.log(System.Logger.Level.DEBUG, transportName + ": dropped a UDP packet from " + sender + ": " + refused.getMessage());
                return;
            }
            traffic.datagramFromNetwork(request.payload().length);
            if (request.opened()) {
                TargetSocket opened = new TargetSocket(request.clientSessionId());
                sockets.put(request.clientSessionId(), opened);
                traffic.opened();
                opened.open(socket.eventLoop());
            }
            TargetSocket to = sockets.get(request.clientSessionId());
            if (to != null) {
                to.send(request.payload());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            for (TargetSocket to : sockets.values()) {
                to.flush();
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, transportName + ": UDP socket: " + cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (sweeper != null) {
                sweeper.cancel(false);
            }
            List<TargetSocket> all = new ArrayList<>(sockets.values());
            sockets.clear();
            all.forEach(TargetSocket::close);
            ctx.fireChannelInactive();
        }

        /** One session's socket towards the target, and what waits for it to open. */
        private final class TargetSocket {
            private final long clientSessionId;
            private List<byte[]> held = new ArrayList<>();
            private Channel channel;
            /** No more datagrams for it: closed, or its socket could not be opened. */
            private boolean closed;
            private boolean counted = true;
            private boolean unflushed;

            TargetSocket(long clientSessionId) {
                this.clientSessionId = clientSessionId;
            }

            void open(EventLoop loop) {
                network.resolver().getResolver(loop).resolve(target.toSocketAddress()).addListener(resolved -> {
                    if (!resolved.isSuccess()) {
                        LOG.log(System.Logger.Level.WARNING, transportName + ": cannot resolve the target " + target + ": " + resolved.cause());
                        failed();
                        return;
                    }
                    new Bootstrap().group(loop).channel(network.datagramChannelType())
                            .handler(new FromTarget(clientSessionId))
                            .connect((InetSocketAddress) resolved.getNow())
                            .addListener(connected -> {
                                Channel opened = ((ChannelFuture) connected).channel();
                                if (!connected.isSuccess()) {
                                    LOG.log(System.Logger.Level.WARNING, transportName + ": cannot open a UDP socket to " + target + ": " + connected.cause());
                                    failed();
                                    return;
                                }
                                if (closed) {
                                    opened.close();
                                    return;
                                }
                                channel = opened;
                                held.forEach(this::write);
                                held = null;
                                flush();
                            });
                });
            }

            /** The session stays in the table, to keep its window; its datagrams are dropped until it expires. */
            private void failed() {
                held = new ArrayList<>();
                closed = true;
            }

            void send(byte[] payload) {
                if (channel != null) {
                    write(payload);
                } else if (!closed && held.size() < HELD_PER_SESSION) {
                    held.add(payload);
                }
            }

            private void write(byte[] payload) {
                channel.write(Unpooled.wrappedBuffer(payload), channel.voidPromise());
                unflushed = true;
            }

            void flush() {
                if (unflushed && channel != null) {
                    unflushed = false;
                    channel.flush();
                }
            }

            void close() {
                if (counted) {
                    counted = false;
                    traffic.closed();
                }
                closed = true;
                if (channel != null) {
                    channel.close();
                }
            }
        }

        /** A session's socket's datagrams from the target, sealed back to the session's client. */
        private final class FromTarget extends DatagramBytesHandler {
            private final long clientSessionId;

            FromTarget(long clientSessionId) {
                this.clientSessionId = clientSessionId;
            }

            @Override
            void datagramRead(byte[] payload, InetSocketAddress sender) {
                sessions.seal(clientSessionId, HostPort.of(sender), payload, System.nanoTime()).ifPresent(reply -> {
                    traffic.datagramToNetwork(payload.length);
                    socket.write(new DatagramPacket(Unpooled.wrappedBuffer(reply.datagram()), reply.client()), socket.voidPromise());
                });
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                socket.flush();
                ctx.fireChannelReadComplete();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // ICMP port unreachable when the target is not listening: the session lives on.
                LOG.log(System.Logger.Level.DEBUG, transportName + ": UDP socket to the target: " + cause);
            }
        }
    }
}
