package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.util.NetUtil;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.tls.ServerVerification;
import org.ptdispatcher.engine.tls.TlsClientHandlers;
import org.ptdispatcher.engine.tls.TlsClientSettings;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportOptions;

import javax.net.ssl.SSLException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client half of {@code webtunnel}: for each connection, TCP to the URL's host (or
 * {@code addr}), TLS with a Chromium-shaped ClientHello for {@code https}, the HTTP upgrade of
 * the URL's path, then raw bytes. The address the application asked for is not used: as with
 * the reference, the bridge line's address only tells tor's bridges apart.
 */
final class WebTunnelClient implements TransportClient {
    private static final System.Logger LOG = EngineLog.logger(WebTunnelClient.class);

    private final TransportOptions options;
    private final TlsClientHandlers tls;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ServerNameRotation> rotations = new ConcurrentHashMap<>();
    private final AtomicBoolean utlsWarned = new AtomicBoolean();

    WebTunnelClient(TransportOptions options, TlsClientHandlers tls) throws InvalidTransportOptionsException {
        this.options = options;
        this.tls = tls;
        if (options.contains(WebTunnelClientArgs.URL)) {
            warnOnce(WebTunnelClientArgs.parse(options));
        }
    }

    @Override
    public void check(TransportOptions connectionArgs) throws InvalidTransportOptionsException {
        WebTunnelClientArgs.parse(options.overriddenBy(connectionArgs));
    }

    @Override
    public ClientConnection open(HostPort requested, TransportOptions connectionArgs) throws InvalidTransportOptionsException {
        WebTunnelClientArgs args = WebTunnelClientArgs.parse(options.overriddenBy(connectionArgs));
        warnOnce(args);
        ServerNameRotation rotation = args.tls() ? rotation(args.serverNames()) : null;
        return ClientConnection.of(args.dial(), (channel, handshakeDone) -> {
            if (rotation != null) {
                String serverName = rotation.current();
                handshakeDone.addListener(done -> {
                    if (!done.isSuccess()) {
                        rotation.failed(serverName);
                    }
                });
                try {
                    channel.pipeline().addLast("webtunnel-tls", tls.newHandler(channel.alloc(), settings(args, serverName), args.dial()));
                } catch (SSLException | RuntimeException e) {
                    handshakeDone.tryFailure(new WebTunnelException("cannot start TLS: " + e.getMessage()));
                    return;
                }
            }
            HttpRequestEncoder encoder = new HttpRequestEncoder();
            UpgradeResponseDecoder decoder = new UpgradeResponseDecoder();
            channel.pipeline().addLast("webtunnel-http-encoder", encoder);
            channel.pipeline().addLast("webtunnel-http-decoder", decoder);
            channel.pipeline().addLast("webtunnel-upgrade",
                    new HttpUpgradeClientHandler(args.requestPath(), args.hostHeader(), encoder, decoder, handshakeDone));
        });
    }

    /** An IP literal goes without SNI, as Go's TLS sends none for one; the certificate must then name the IP. */
    static TlsClientSettings settings(WebTunnelClientArgs args, String serverName) {
        Optional<String> sni = NetUtil.isValidIpV4Address(serverName) || NetUtil.isValidIpV6Address(serverName)
                ? Optional.empty() : Optional.of(serverName);
        ServerVerification verification = args.pins().<ServerVerification>map(pin -> new ServerVerification.ByPinnedChain(List.of(pin)))
                .orElseGet(() -> new ServerVerification.ByName(args.verifyName().orElse(serverName)));
        return new TlsClientSettings(sni, verification);
    }

    private ServerNameRotation rotation(String spec) throws InvalidTransportOptionsException {
        ServerNameRotation existing = rotations.get(spec);
        if (existing != null) {
            return existing;
        }
        ServerNameRotation made = new ServerNameRotation(spec, random);
        ServerNameRotation raced = rotations.putIfAbsent(spec, made);
        return raced == null ? made : raced;
    }

    private void warnOnce(WebTunnelClientArgs args) {
        if (args.ignoredUtls().isPresent() && utlsWarned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "webtunnel: utls=" + args.ignoredUtls().get() + " is ignored: uTLS is a Go library, "
                    + "and this client's ClientHello is always the JDK's TLS shaped like Chromium's (docs/transports/webtunnel.md)");
        }
    }
}
