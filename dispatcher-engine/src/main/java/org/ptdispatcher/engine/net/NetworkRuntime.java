package org.ptdispatcher.engine.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import org.ptdispatcher.engine.log.EngineLog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The process's one event loop group and everything bound to its kind: native epoll on Linux
 * where it loads, NIO elsewhere. Every channel the dispatcher opens is made here, with the same
 * socket options, and is tracked so shutdown can close them all.
 */
public final class NetworkRuntime {
    private static final System.Logger LOG = EngineLog.logger(NetworkRuntime.class);

    /** The longest {@link #shutdown} takes. */
    public static final Duration SHUTDOWN_TIME = Duration.ofSeconds(2);
    /** Outbound buffering per channel before the relay stops reading the other side. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /** Reads grow up to 256 KiB (loopback and fast links deliver big segments), except while direct memory is short. */
    private static final PressureAwareReceiveAllocator RECEIVE_ALLOCATOR = new PressureAwareReceiveAllocator();

    private final IoHandlerFactory handlers;
    private final boolean epoll;
    private volatile EventLoopGroup group;
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup listeners = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
    private volatile AddressResolverGroup<InetSocketAddress> resolver;
    private final DescriptorShortage descriptors = new DescriptorShortage();
    private final ConnectionCaps caps = ConnectionCaps.configured();
    private final IdleMemoryRelease idleRelease = new IdleMemoryRelease(connections);
    private volatile ScheduledFuture<?> idleCheck;

    private NetworkRuntime(IoHandlerFactory handlers, boolean epoll) {
        this.handlers = handlers;
        this.epoll = epoll;
    }

    /**
     * Chooses the transport, native epoll where it loads and NIO elsewhere. The event loops start
     * when first needed ({@link #group()}), which for TCP listeners is after they are announced
     * (see {@link ListeningSocket}).
     */
    public static NetworkRuntime start() {
        boolean epoll = Epoll.isAvailable();
        if (!epoll) {
            LOG.log(System.Logger.Level.DEBUG, "native epoll unavailable, using NIO: " + Epoll.unavailabilityCause());
        }
        return new NetworkRuntime(epoll ? EpollKeepsIdleChannels.newFactory() : NioIoHandler.newFactory(), epoll);
    }

    /** The event loops, one per core, which is all a relay needs; started on first use. */
    public EventLoopGroup group() {
        EventLoopGroup g = group;
        if (g == null) {
            synchronized (this) {
                g = group;
                if (g == null) {
                    g = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()), handlers);
                    // On Netty's one global timer thread, not an event loop: the check walks every
                    // connection and must not hold up one loop's I/O while it does.
                    long every = IdleMemoryRelease.CHECK_INTERVAL.toMillis();
                    idleCheck = GlobalEventExecutor.INSTANCE.scheduleAtFixedRate(idleRelease, every, every, TimeUnit.MILLISECONDS);
                    group = g;
                }
            }
        }
        return g;
    }

    /** Binds a TCP listener to {@code address} at once; it accepts connections once {@linkplain #serve served}. */
    public ListeningSocket listen(InetSocketAddress address) throws IOException {
        return ListeningSocket.open(epoll, address);
    }

    /**
     * Hands a bound listener to the event loops, which accept its connections from then on; each
     * gets {@code childHandler} and is tracked, and so is the listener. Closes the socket if Netty
     * cannot take it.
     */
    public Channel serve(ListeningSocket socket, ChannelHandler childHandler) throws IOException {
        return serve(socket, childHandler, false);
    }

    /**
     * {@link #serve(ListeningSocket, ChannelHandler)}, under the {@link ConnectionCaps}: past them a
     * new connection is closed as it is accepted.
     *
     * @param handshakeCapped whether its connections count as pending handshakes until they are relayed
     */
    public Channel serve(ListeningSocket socket, ChannelHandler childHandler, boolean handshakeCapped) throws IOException {
        ChannelFactory<ServerChannel> alreadyBound = socket::channel;
        descriptors.reserve();
        ChannelFuture registered = serverBootstrap(childHandler, handshakeCapped).channelFactory(alreadyBound)
                .handler(new AcceptGuard(socket, descriptors)).register().awaitUninterruptibly();
        if (!registered.isSuccess()) {
            socket.close();
            throw new IOException("cannot accept on " + socket.localAddress() + ": " + registered.cause(), registered.cause());
        }
        listeners.add(registered.channel());
        return registered.channel();
    }

    /** A listener bootstrap, less its channel: accepted channels get {@code childHandler} and are tracked. */
    private ServerBootstrap serverBootstrap(ChannelHandler childHandler, boolean handshakeCapped) {
        return new ServerBootstrap()
                .group(group())
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_ALLOCATOR)
                .childHandler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!caps.admit(ch, handshakeCapped)) {
                            ch.close();
                            return;
                        }
                        connections.add(ch);
                        idleRelease.opened();
                        ch.pipeline().addLast(childHandler);
                    }
                });
    }

    /** An outgoing-connection bootstrap on {@code loop} (the loop of the channel it will be relayed with). */
    public Bootstrap bootstrap(EventLoop loop) {
        return new Bootstrap()
                .group(loop)
                .channel(socketChannelType())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_ALLOCATOR);
    }

    public Class<? extends SocketChannel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannelType() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** What the engine does when the process runs out of file descriptors. */
    DescriptorShortage descriptors() {
        return descriptors;
    }

    /**
     * Netty's asynchronous DNS resolver (reads /etc/hosts), made on first use, asking the name
     * servers the system is configured with and never others ({@link SystemDnsServers}).
     */
    public AddressResolverGroup<InetSocketAddress> resolver() {
        AddressResolverGroup<InetSocketAddress> r = resolver;
        if (r == null) {
            synchronized (this) {
                r = resolver;
                if (r == null) {
                    r = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                            .datagramChannelType(datagramChannelType())
                            .socketChannelType(socketChannelType())
                            .nameServerProvider(SystemDnsServers.forThisSystem()));
                    resolver = r;
                }
            }
        }
        return r;
    }

    /**
     * Remembers a connection so that shutdown closes it; closed channels drop out by themselves.
     * Only a registered channel can be closed: call it once the channel has its event loop.
     */
    public void track(Channel channel) {
        connections.add(channel);
        idleRelease.opened();
    }

    public void trackListener(Channel listener) {
        listeners.add(listener);
    }

    public int openConnections() {
        return connections.size();
    }

    /** Stops accepting: closes every listener. Open connections keep running. */
    public void closeListeners() {
        listeners.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /**
     * Closes listeners and connections, then stops the event loops, all within {@link #SHUTDOWN_TIME}
     * (what architecture.md promises a parent for SIGTERM and the other ways to stop): each step
     * waits only for what is left of it. Closing takes a few milliseconds; the bound is for an
     * event loop that is stuck.
     */
    public void shutdown() {
        long deadline = System.nanoTime() + SHUTDOWN_TIME.toNanos();
        step("closing listeners", () -> listeners.close().awaitUninterruptibly(left(deadline), TimeUnit.NANOSECONDS));
        step("closing connections", () -> connections.close().awaitUninterruptibly(left(deadline), TimeUnit.NANOSECONDS));
        AddressResolverGroup<InetSocketAddress> r = resolver;
        if (r != null) {
            step("closing the resolver", r::close);
        }
        descriptors.close();
        ScheduledFuture<?> check = idleCheck;
        if (check != null) {
            check.cancel(false);
        }
        EventLoopGroup g = group;
        if (g != null) {
            step("stopping the event loops",
                    () -> g.shutdownGracefully(0, left(deadline), TimeUnit.NANOSECONDS).awaitUninterruptibly(left(deadline), TimeUnit.NANOSECONDS));
        }
    }

    /** One step of {@link #shutdown}: a failure is logged and the next step still runs, so the process always gets to exit. */
    private static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "shutdown: " + what + " failed: " + e);
        }
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
