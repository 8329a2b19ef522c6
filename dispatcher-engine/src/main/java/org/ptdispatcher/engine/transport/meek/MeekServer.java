package org.ptdispatcher.engine.transport.meek;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.SessionTransportServer;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.io.File;
import java.util.Map;
import java.util.Optional;

/**
 * The server half of {@code meek_lite}, as Tor's classic meek-server: HTTP on its listener, plain
 * behind a TLS reverse proxy or a CDN (meek-server's {@code --disable-tls}), or HTTPS with its own
 * certificate ({@code cert} and {@code key}, meek-server's {@code --cert} and {@code --key}). Each
 * connection is served by {@link MeekServerHandler}; the sessions are {@link MeekSessions}'. The
 * SMETHOD line carries no ARGS, as meek-server's: a client needs only the URL and front.
 */
final class MeekServer implements SessionTransportServer {
    static final String CERT = "cert";
    static final String KEY = "key";

    private final MeekSessions sessions = new MeekSessions(MeekSessions.MAX_STALENESS);
    private final Optional<SslContext> tls;

    MeekServer(TransportOptions options) throws InvalidTransportOptionsException {
        Optional<String> cert = options.get(CERT);
        Optional<String> key = options.get(KEY);
        if (cert.isPresent() != key.isPresent()) {
            throw new InvalidTransportOptionsException("cert and key go together: give both for HTTPS, neither for plain HTTP behind a proxy");
        }
        if (cert.isPresent()) {
            try {
                tls = Optional.of(SslContextBuilder.forServer(new File(cert.get()), new File(key.get())).sslProvider(SslProvider.JDK).build());
            } catch (Exception e) {
                throw new InvalidTransportOptionsException("cannot use cert " + cert.get() + " and key " + key.get() + ": " + e.getMessage());
            }
        } else {
            tls = Optional.empty();
        }
    }

    @Override
    public Map<String, String> announcement() {
        return Map.of();
    }

    @Override
    public void serve(Channel connection, SessionAcceptor acceptor) {
        tls.ifPresent(context -> connection.pipeline().addLast("meek-tls", context.newHandler(connection.alloc())));
        connection.pipeline().addLast("meek-http", new HttpServerCodec());
        connection.pipeline().addLast("meek-body", new HttpObjectAggregator(MeekRequest.MAX_PAYLOAD + 1));
        connection.pipeline().addLast("meek-session", new MeekServerHandler(sessions, acceptor));
    }
}
