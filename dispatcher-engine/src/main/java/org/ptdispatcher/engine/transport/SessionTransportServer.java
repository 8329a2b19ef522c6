package org.ptdispatcher.engine.transport;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;

import java.util.Optional;

/**
 * The server half of a transport whose streams are not its connections: meek's session is a series
 * of HTTP requests that name it, over whichever connections the web server in front opens, and one
 * connection may carry requests of many sessions. The mode hands each accepted connection to
 * {@link #serve}; the transport hands each new stream it makes to the {@link SessionAcceptor}, and
 * the mode forwards it as it forwards an accepted connection whose handshake is done.
 */
public interface SessionTransportServer extends TransportServer {

    /** Where a transport's new streams go. */
    @FunctionalInterface
    interface SessionAcceptor {
        /**
         * A new stream, a channel that carries the plaintext (the pipeline rules of
         * {@link ClientConnection.Dialed#install}), with its auto-read off: it holds what it receives
         * until the mode, its handlers in place, turns auto-read on. Its {@link ClientAddress} is
         * recorded before. Call it on the stream's event loop.
         */
        void accept(Channel session);
    }

    /** Serves one accepted connection (on its event loop, before its first read). */
    void serve(Channel connection, SessionAcceptor sessions);

    /** Not called for this kind of server: its connections are {@link #serve served}. */
    @Override
    default void install(Channel channel, Promise<Optional<HostPort>> handshakeDone) {
        throw new IllegalStateException("a session server's connections are served with serve()");
    }
}
