package org.ptdispatcher.engine.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.OutboundBind;
import org.ptdispatcher.engine.upstream.UpstreamProxy;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens outgoing TCP connections: straight to the destination, or through the upstream proxy
 * when one is configured (then the proxy resolves names). Names under {@code .invalid} fail at
 * once without a DNS query, as RFC 6761 asks of resolvers.
 */
public final class Dialer {
    private final NetworkRuntime network;
    private final Optional<UpstreamProxy> upstream;
    private final OutboundBind outboundBind;
    private final Duration connectTimeout;

    public Dialer(NetworkRuntime network, Optional<UpstreamProxy> upstream, OutboundBind outboundBind, Duration connectTimeout) {
        this.network = network;
        this.upstream = upstream;
        this.outboundBind = outboundBind;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Connects to {@code destination} on {@code loop}. The future completes with an active channel,
     * tunnelled through the upstream proxy if there is one, or fails with the cause, which
     * {@link ConnectFailure#classify} reads.
     */
    public Future<Channel> dial(EventLoop loop, HostPort destination) {
        Promise<Channel> result = loop.newPromise();
        if (isReservedInvalid(destination.host())) {
            result.setFailure(new UnknownHostException(destination.host() + ": .invalid names never resolve"));
            return result;
        }
        Bootstrap bootstrap = network.bootstrap(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        if (upstream.isEmpty()) {
            bootstrap.handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    // Tracked once registered (a channel whose socket could not be made never is);
                    // transports and the relay add their handlers once connected.
                    network.track(ch);
                }
            });
            InetSocketAddress address = destination.toSocketAddress();
            if (!address.isUnresolved() || !outboundBind.isSet()) {
                bootstrap.resolver(network.resolver());
                connect(bootstrap, address, result, null);
                return result;
            }
            // The source address depends on the family the name resolves to: resolve first.
            resolve(loop, address, result, resolved -> connect(bootstrap.resolver(NoopAddressResolverGroup.INSTANCE), resolved, result, null));
            return result;
        }
        UpstreamProxy proxy = upstream.get();
        resolve(loop, proxy.address().toSocketAddress(), result, proxyAddress -> {
            ProxyHandler handler = proxy.newHandler(proxyAddress);
            handler.setConnectTimeoutMillis(connectTimeout.toMillis());
            outboundBind.sourceFor(proxyAddress).ifPresent(bootstrap::localAddress);
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE).handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    network.track(ch);
                    ch.pipeline().addLast("upstream-proxy", handler);
                }
            });
            connect(bootstrap, destination.toSocketAddress(), result, handler);
        });
        return result;
    }

    private void resolve(EventLoop loop, InetSocketAddress address, Promise<Channel> result, java.util.function.Consumer<InetSocketAddress> then) {
        if (!address.isUnresolved()) {
            then.accept(address);
            return;
        }
        network.resolver().getResolver(loop).resolve(address).addListener(resolved -> {
            if (resolved.isSuccess()) {
                then.accept((InetSocketAddress) resolved.getNow());
            } else {
                result.tryFailure(resolved.cause());
            }
        });
    }

    /**
     * Makes the socket and connects it, in a task of its event loop: never while the loop is
     * handling a batch of I/O events. Netty's epoll finds a channel by its descriptor number, and the
     * kernel gives a new socket the lowest free one, which a channel closed earlier in the same
     * batch may just have freed: that channel's events still in the batch (its peer's FIN, say)
     * would reach the socket being connected, which then shuts its input before it has connected
     * and ends half-closed. A task runs once the batch is done.
     */
    private void connect(Bootstrap bootstrap, InetSocketAddress address, Promise<Channel> result, ProxyHandler proxy) {
        try {
            bootstrap.config().group().execute(() -> {
                if (!result.isDone()) {
                    connectNow(bootstrap, address, result, proxy);
                }
            });
        } catch (RejectedExecutionException e) {
            result.tryFailure(e);
        }
    }

    private void connectNow(Bootstrap bootstrap, InetSocketAddress address, Promise<Channel> result, ProxyHandler proxy) {
        if (proxy == null && !address.isUnresolved()) {
            outboundBind.sourceFor(address).ifPresent(bootstrap::localAddress);
        }
        ChannelFuture connecting = bootstrap.connect(address);
        Channel channel = connecting.channel();
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                closeIfRegistered(channel);
                if (DescriptorShortage.isShortage(connected.cause())) {
                    network.descriptors().noticed();
                    result.tryFailure(connected.cause());
                } else {
                    result.tryFailure(UnreachableProbe.explain(connected.cause(), address));
                }
                return;
            }
            if (proxy == null) {
                result.trySuccess(channel);
                return;
            }
            proxy.connectFuture().addListener(tunnelled -> {
                if (tunnelled.isSuccess()) {
                    result.trySuccess(channel);
                } else {
                    channel.close();
                    result.tryFailure(tunnelled.cause());
                }
            });
        });
        result.addListener(done -> {
            if (done.isCancelled()) {
                closeIfRegistered(channel);
            }
        });
    }

    /**
     * Closes a channel that got as far as its event loop. One whose socket could not be made (no
     * descriptor left) never did, has nothing to close, and throws if asked to.
     */
    private static void closeIfRegistered(Channel channel) {
        if (channel.isRegistered()) {
            channel.close();
        }
    }

    private static boolean isReservedInvalid(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.equals("invalid") || h.endsWith(".invalid");
    }
}
