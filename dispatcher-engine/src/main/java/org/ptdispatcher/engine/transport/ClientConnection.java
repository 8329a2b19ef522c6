package org.ptdispatcher.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;

/**
 * One outgoing transport connection, planned by {@link TransportClient#open}: either one stream the
 * mode dials and the transport wraps ({@link Dialed}, every transport but meek), or a stream the
 * transport makes itself of connections it opens ({@link SelfMade}: meek's HTTP requests, over
 * connections that web servers close and it reopens).
 */
public sealed interface ClientConnection permits ClientConnection.Dialed, ClientConnection.SelfMade {

    /**
     * Where the network connection goes: the PT server. In the bridge model that is the address
     * the application asked for; a transport that carries the destination inside its stream
     * (Shadowsocks' proxy model) names its server here instead. For a {@link SelfMade} one, where
     * its first connection goes (for reports).
     */
    HostPort dialAddress();

    /** What {@link Dialed#install} does, for {@link #of}. */
    @FunctionalInterface
    interface Installer {
        void install(Channel channel, Promise<Void> handshakeDone);
    }

    /** What a {@link SelfMade} connection does to open its stream. */
    @FunctionalInterface
    interface Opener {
        /**
         * Opens the stream on {@code loop}, with connections made by {@code connector}. The future
         * completes with a channel that carries the plaintext, once plaintext may flow (the same
         * pipeline rules as for {@link Dialed#install}), or fails with the cause. The channel's
         * auto-read is off: it holds what it receives until the mode, its handlers in place, turns it on.
         */
        Future<Channel> open(EventLoop loop, Connector connector);
    }

    /**
     * The mode dials {@link #dialAddress()}, then the installer puts the transport's handlers on the
     * channel that is connected end to end to the PT server (through any upstream proxy) and starts
     * the handshake, on the channel's event loop.
     *
     * <p>Handlers go at the end of the pipeline ({@code addLast}); the mode adds its own after them
     * in the same event-loop task, so plaintext the handlers decode is never lost. Outbound, the
     * handlers receive plaintext {@code ByteBuf}s and write wire bytes, and complete each write's
     * promise only once its bytes have been passed on (a flush after which the promise is done
     * means the plaintext is on its way). Inbound they pass on plaintext {@code ByteBuf}s.
     * {@code handshakeDone}: succeed it when plaintext may flow; fail it (and the mode closes the
     * channel) if the handshake fails.
     */
    record Dialed(HostPort dialAddress, Installer installer) implements ClientConnection {
        public void install(Channel channel, Promise<Void> handshakeDone) {
            installer.install(channel, handshakeDone);
        }
    }

    /** The transport opens the stream itself with {@link Opener#open}; {@code dialAddress} is where it connects first. */
    record SelfMade(HostPort dialAddress, Opener opener) implements ClientConnection {
    }

    /** The connection most transports plan: dial {@code dialAddress}, then let {@code installer} put the handlers on. */
    static ClientConnection of(HostPort dialAddress, Installer installer) {
        return new Dialed(dialAddress, installer);
    }

    /** A stream the transport makes itself of connections it opens, first to {@code firstAddress}. */
    static ClientConnection selfMade(HostPort firstAddress, Opener opener) {
        return new SelfMade(firstAddress, opener);
    }
}
