package org.ptdispatcher.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseNotifier;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One planned {@link ClientConnection} made real: dial its server with a {@link Connector} and run
 * the transport's handshake (or let the transport open its own stream), then hand over the channel
 * that carries plaintext. The client modes' {@code ClientTunnel} uses it, and so does the Optimizer
 * for each transport it tries, so that every transport has one client dial path.
 */
public final class ClientDial {
    /** A transport handshake that takes longer than this fails (SOCKS reply 0x06). */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private ClientDial() {
    }

    /**
     * Dials and then runs the handshake (or lets the transport open its own); {@code ready}
     * completes with the network channel, handshake done, or fails with the cause. Returns the
     * future a caller can cancel to stop the dial or the opening.
     *
     * @param plaintextStage adds, right after the transport's handlers, what takes the plaintext
     */
    public static Future<Channel> open(EventLoop loop, ClientConnection connection, Connector connector, Consumer<Channel> plaintextStage,
                                        Promise<Channel> ready) {
        if (!loop.inEventLoop()) {
            // The dial's listener must be in place before the dial can complete, which only a caller
            // on the loop can promise: one added to a future that is already done is notified in a
            // later task, after the loop may have read the server's first bytes into a pipeline
            // without the transport (ClientTunnelTest's early plaintext was lost that way).
            Promise<Channel> opening = loop.newPromise();
            loop.execute(() -> PromiseNotifier.cascade(open(loop, connection, connector, plaintextStage, ready), opening));
            return opening;
        }
        if (connection instanceof ClientConnection.SelfMade selfMade) {
            return openSelfMade(loop, selfMade, connector, plaintextStage, ready);
        }
        ClientConnection.Dialed dialedConnection = (ClientConnection.Dialed) connection;
        Future<Channel> dialing = connector.connect(loop, connection.dialAddress());
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
    private static Future<Channel> openSelfMade(EventLoop loop, ClientConnection.SelfMade connection, Connector connector,
                                                Consumer<Channel> plaintextStage, Promise<Channel> ready) {
        Future<Channel> opening;
        try {
            opening = connection.opener().open(loop, connector);
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
