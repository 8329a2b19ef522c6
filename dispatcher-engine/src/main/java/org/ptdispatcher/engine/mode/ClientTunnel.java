package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.relay.PendingInbound;
import org.ptdispatcher.engine.transport.ClientConnection;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The client side's way to the PT server for one application connection: dial (through the
 * upstream proxy if any), install the transport, wait for its handshake. Every client mode uses
 * it; they differ only in how the application asked (SOCKS or transparently).
 */
final class ClientTunnel {
    /** A transport handshake that takes longer than this fails (SOCKS reply 0x06). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private ClientTunnel() {
    }

    /**
     * Opens the tunnel for {@code app}. The future completes with the network channel, handshake
     * done, holding any plaintext that came with the handshake's end; or fails with the cause.
     * If the application goes away first, everything opened for it is closed.
     */
    static Future<Channel> open(Channel app, ClientConnection connection, Dialer dialer) {
        Promise<Channel> ready = app.eventLoop().newPromise();
        Future<Channel> dialing = open(app.eventLoop(), connection, dialer, PendingInbound::install, ready);
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
        open(loop, connection, dialer, plaintextStage, ready);
        return ready;
    }

    /** Dials and then runs the handshake (or lets the transport open its own); returns the future a caller can cancel. */
    private static Future<Channel> open(EventLoop loop, ClientConnection connection, Dialer dialer, Consumer<Channel> plaintextStage,
                                        Promise<Channel> ready) {
        if (connection instanceof ClientConnection.SelfMade selfMade) {
            return openSelfMade(loop, selfMade, dialer, plaintextStage, ready);
        }
        ClientConnection.Dialed dialedConnection = (ClientConnection.Dialed) connection;
        Future<Channel> dialing = dialer.dial(loop, connection.dialAddress());
        dialing.addListener(dialed -> {
            if (!dialed.isSuccess()) {
                ready.tryFailure(dialed.cause());
                return;
            }
            Channel network = dialing.getNow();
            if (ready.isDone()) {
                network.close();
                return;
            }
            network.eventLoop().execute(() -> handshake(network, dialedConnection, plaintextStage, ready));
        });
        return dialing;
    }

    /**
     * A stream the transport opens itself (meek): its channel comes with auto-read off, so what it
     * received waits in it until the plaintext stage is in place; then it reads.
     */
    private static Future<Channel> openSelfMade(EventLoop loop, ClientConnection.SelfMade connection, Dialer dialer,
                                                Consumer<Channel> plaintextStage, Promise<Channel> ready) {
        Future<Channel> opening;
        try {
            opening = connection.opener().open(loop, dialer::dial);
        } catch (RuntimeException e) {
            ready.tryFailure(e);
            return loop.newFailedFuture(e);
        }
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (ready.tryFailure(new TimeoutException("transport handshake timed out"))) {
                opening.cancel(false);
            }
        }, HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        opening.addListener(opened -> {
            timer.cancel(false);
            if (!opened.isSuccess()) {
                ready.tryFailure(opened.cause());
                return;
            }
            Channel stream = opening.getNow();
            if (ready.isDone()) {
                stream.close();
                return;
            }
            stream.eventLoop().execute(() -> {
                plaintextStage.accept(stream);
                stream.config().setAutoRead(true);
                if (!ready.trySuccess(stream)) {
                    stream.close();
                }
            });
        });
        return opening;
    }

    private static void handshake(Channel network, ClientConnection.Dialed connection, Consumer<Channel> plaintextStage, Promise<Channel> ready) {
        Promise<Void> handshakeDone = network.eventLoop().newPromise();
        ScheduledFuture<?> timer = network.eventLoop().schedule(
                () -> handshakeDone.tryFailure(new TimeoutException("transport handshake timed out")),
                HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        network.closeFuture().addListener(closed -> {
            if (!handshakeDone.isDone()) {
                handshakeDone.tryFailure(new ClosedChannelException());
            }
        });
        try {
            connection.install(network, handshakeDone);
        } catch (RuntimeException e) {
            handshakeDone.tryFailure(e);
        }
        // After the transport's handlers, and before anyone can react to the handshake's end.
        plaintextStage.accept(network);
        handshakeDone.addListener(done -> {
            timer.cancel(false);
            if (done.isSuccess() && ready.trySuccess(network)) {
                return;
            }
            network.close();
            ready.tryFailure(done.isSuccess() ? new ClosedChannelException() : done.cause());
        });
    }
}
