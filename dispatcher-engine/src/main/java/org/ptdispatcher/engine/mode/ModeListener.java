package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import org.ptdispatcher.engine.config.HostPort;
import org.ptdispatcher.engine.net.NetworkRuntime;

import java.net.InetSocketAddress;

/**
 * A TCP listener of one proxy mode for one transport. Subclasses say what happens to each
 * accepted connection; binding and reporting the real bound address (port 0 works) is here.
 */
public abstract class ModeListener implements ProxyListener {
    protected final NetworkRuntime network;
    protected final String transportName;

    protected ModeListener(NetworkRuntime network, String transportName) {
        this.network = network;
        this.transportName = transportName;
    }

    /** Sets up a newly accepted connection, on its event loop, before its first read. */
    protected abstract void accept(Channel channel);

    /**
     * Binds the listener, blocking until it is bound.
     *
     * @return the address actually bound, for the CMETHOD/SMETHOD line
     * @throws ListenFailedException with the operating system's reason
     */
    @Override
    public HostPort bind(HostPort address) throws ListenFailedException {
        ChannelFuture bound = network.serverBootstrap(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                accept(ch);
            }
        }).bind(address.toSocketAddress()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new ListenFailedException("cannot listen on " + address + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        }
        network.trackListener(bound.channel());
        return HostPort.of((InetSocketAddress) bound.channel().localAddress());
    }

}
