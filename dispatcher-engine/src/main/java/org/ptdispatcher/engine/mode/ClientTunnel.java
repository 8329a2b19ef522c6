package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.relay.PendingInbound;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.ClientDial;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The client side's way to the PT server for one application connection: dial (through the
 * upstream proxy if any), install the transport, wait for its handshake. Every client mode uses
 * it; they differ only in how the application asked (SOCKS or transparently).
 */
final class ClientTunnel {
    /** A transport handshake that takes longer than this fails (SOCKS reply 0x06). */
    static final Duration HANDSHAKE_TIMEOUT = ClientDial.HANDSHAKE_TIMEOUT;

    private ClientTunnel() {
    }

    /**
     * Opens the tunnel for {@code app}. The future completes with the network channel, handshake
     * done, holding any plaintext that came with the handshake's end; or fails with the cause.
     * If the application goes away first, everything opened for it is closed.
     */
    static Future<Channel> open(Channel app, ClientConnection connection, Dialer dialer) {
        Promise<Channel> ready = app.eventLoop().newPromise();
        Future<Channel> dialing = ClientDial.open(app.eventLoop(), connection, dialer::dial, PendingInbound::install, ready);
        app.closeFuture().addListener(closed -> {
            // Checked first: an exception's stack trace costs more than the rest of this close, and
            // every tunnel that opened reaches here with nothing left to fail.
            if (!ready.isDone() && ready.tryFailure(new ClosedChannelException())) {
                dialing.cancel(false);
            }
        });
        return ready;
    }

    /**
     * Opens a tunnel that belongs to no application channel (the datagram modes' connections).
     *
     * @param plaintextStage adds, right after the transport's handlers, what takes the plaintext
     */
    static Future<Channel> open(EventLoop loop, ClientConnection connection, Dialer dialer, Consumer<Channel> plaintextStage) {
        Promise<Channel> ready = loop.newPromise();
        ClientDial.open(loop, connection, dialer::dial, plaintextStage, ready);
        return ready;
    }

}
