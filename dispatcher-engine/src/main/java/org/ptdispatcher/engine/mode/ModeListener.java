package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.net.ListeningSocket;
import org.ptdispatcher.engine.net.NetworkRuntime;

import java.io.IOException;

/**
 * A TCP listener of one proxy mode for one transport. Subclasses say what happens to each
 * accepted connection; binding, reporting the real bound address (port 0 works) and serving are
 * here. The socket is bound at {@link #bind} and connections are accepted from {@link #serve} on,
 * so that the dispatcher can announce the address before Netty has been set up.
 */
public abstract class ModeListener implements ProxyListener {
    protected final NetworkRuntime network;
    protected final String transportName;
    private ListeningSocket socket;

    protected ModeListener(NetworkRuntime network, String transportName) {
        this.network = network;
        this.transportName = transportName;
    }

    /** Sets up a newly accepted connection, on its event loop, before its first read. */
    protected abstract void accept(Channel channel);

    /** Called once the listener has closed (shutdown, SIGINT): no connection comes any more. */
    protected void listenerClosed() {
    }

    /**
     * Whether this mode's connections end their handshake by being relayed ({@code Relay.start}),
     * so that they can count against the cap on pending handshakes until then.
     */
    protected boolean relaysAfterHandshake() {
        return false;
    }

    @Override
    public HostPort bind(HostPort address) throws ListenFailedException {
        try {
            socket = network.listen(address.toSocketAddress());
        } catch (IOException | RuntimeException e) {
            throw new ListenFailedException("cannot listen on " + address + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return HostPort.of(socket.localAddress());
    }

    @Override
    public void serve() throws ListenFailedException {
        try {
            Channel listener = network.serve(socket, new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    accept(ch);
                }
            }, relaysAfterHandshake());
            listener.closeFuture().addListener(closed -> listenerClosed());
        } catch (IOException e) {
            throw new ListenFailedException(e.getMessage());
        }
    }
}
