package org.ptdispatcher.engine.transport;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;

/** One outgoing transport connection, planned by {@link TransportClient#open}. */
public interface ClientConnection {

    /**
     * Where the network connection goes: the PT server. In the bridge model that is the address
     * the application asked for; a transport that carries the destination inside its stream
     * (Shadowsocks' proxy model) names its server here instead.
     */
    HostPort dialAddress();

    /**
     * Installs the transport's handlers on a channel that is connected end to end to the PT server
     * (through any upstream proxy), and starts the handshake. Called on the channel's event loop.
     *
     * <p>Handlers go at the end of the pipeline ({@code addLast}); the mode adds its own after them
     * in the same event-loop task, so plaintext the handlers decode is never lost. Outbound, the
     * handlers receive plaintext {@code ByteBuf}s and write wire bytes, and complete each write's
     * promise only once its bytes have been passed on (a flush after which the promise is done
     * means the plaintext is on its way). Inbound they pass on plaintext {@code ByteBuf}s.
     *
     * @param handshakeDone succeed it when plaintext may flow; fail it (and the mode closes the channel) if the handshake fails
     */
    void install(Channel channel, Promise<Void> handshakeDone);

    /** What {@link #install} does, for {@link #of}. */
    @FunctionalInterface
    interface Installer {
        void install(Channel channel, Promise<Void> handshakeDone);
    }

    /** The connection every transport plans: dial {@code dialAddress}, then let {@code installer} put the handlers on. */
    static ClientConnection of(HostPort dialAddress, Installer installer) {
        return new ClientConnection() {
            @Override
            public HostPort dialAddress() {
                return dialAddress;
            }

            @Override
            public void install(Channel channel, Promise<Void> handshakeDone) {
                installer.install(channel, handshakeDone);
            }
        };
    }
}
