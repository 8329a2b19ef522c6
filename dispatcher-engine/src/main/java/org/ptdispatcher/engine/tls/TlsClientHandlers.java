package org.ptdispatcher.engine.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.ptdispatcher.engine.common.HostPort;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the {@link SslHandler} of outgoing TLS connections whose ClientHello is shaped like
 * Chromium's ({@link ChromeLikeHello}), with the JDK's TLS. A transport that opens TLS itself
 * (webtunnel; meek next) holds one: the contexts, one per way of judging the server, are made
 * once and shared by its connections.
 */
public final class TlsClientHandlers {
    private final TrustAnchors anchors;
    private final Map<ServerVerification, SslContext> contexts = new ConcurrentHashMap<>();

    public TlsClientHandlers(TrustAnchors anchors) {
        this.anchors = anchors;
    }

    /**
     * A handler for a connection to {@code server} (for the session cache; the name sent is the
     * settings'), to be the first in the pipeline; it starts the handshake once the channel is active
     * (or at once, for a channel that already is).
     */
    public SslHandler newHandler(ByteBufAllocator alloc, TlsClientSettings settings, HostPort server) throws SSLException {
        SslContext context = context(settings.verification());
        SSLEngine engine = context.newEngine(alloc, settings.serverName().orElse(server.host()), server.port());
        SSLParameters parameters = engine.getSSLParameters();
        List<SNIServerName> names = settings.serverName().<List<SNIServerName>>map(name -> List.of(new SNIHostName(name))).orElse(List.of());
        parameters.setServerNames(names);
        engine.setSSLParameters(parameters);
        return new SslHandler(engine);
    }

    private SslContext context(ServerVerification verification) throws SSLException {
        SslContext existing = contexts.get(verification);
        if (existing != null) {
            return existing;
        }
        ChromeLikeHello.configureJdk();
        SslContext made = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(new ServerCertificateCheck(anchors, verification))
                .protocols(ChromeLikeHello.PROTOCOLS)
                .ciphers(ChromeLikeHello.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ChromeLikeHello.ALPN))
                .build();
        SslContext raced = contexts.putIfAbsent(verification, made);
        return raced == null ? made : raced;
    }
}
