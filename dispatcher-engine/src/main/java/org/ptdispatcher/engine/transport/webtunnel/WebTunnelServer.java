package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server half of {@code webtunnel}: plain HTTP on its listener, behind a reverse proxy that
 * holds the TLS certificate of the {@code url}'s host and passes that URL's path (and the upgrade)
 * through. Each connection is served by {@link HttpUpgradeServerHandler}.
 */
final class WebTunnelServer implements TransportServer {
    static final String URL = "url";
    static final String PAGE = "page";

    /** The version the SMETHOD line announces: the reference release whose protocol this is. */
    static final String PROTOCOL_VERSION = "0.0.7";

    private final String url;
    private final HttpUpgradeServerHandshake handshake;

    WebTunnelServer(TransportOptions options) throws InvalidTransportOptionsException {
        this.url = options.require(URL);
        WebTunnelClientArgs.WebTunnelUrl parsed = WebTunnelClientArgs.WebTunnelUrl.parse(url);
        DecoyPage decoy = DecoyPage.notFound();
        Optional<String> page = options.get(PAGE);
        if (page.isPresent()) {
            try {
                decoy = DecoyPage.fromFile(Path.of(page.get()));
            } catch (IOException | RuntimeException e) {
                throw new InvalidTransportOptionsException("page: cannot read " + page.get() + " (" + e.getMessage() + ")");
            }
        }
        this.handshake = new HttpUpgradeServerHandshake(parsed.requestPath(), decoy);
    }

    /** As webtunnel-server: {@code url} as configured and {@code ver}. */
    @Override
    public Map<String, String> announcement() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put(URL, url);
        args.put(WebTunnelClientArgs.VER, PROTOCOL_VERSION);
        return args;
    }

    @Override
    public HostPort announcedAddress(HostPort bound) {
        return SyntheticBridgeAddress.of(url);
    }

    @Override
    public void install(Channel channel, Promise<Optional<HostPort>> handshakeDone) {
        HttpRequestDecoder decoder = new HttpRequestDecoder();
        HttpResponseEncoder encoder = new HttpResponseEncoder();
        channel.pipeline().addLast("webtunnel-http-decoder", decoder);
        channel.pipeline().addLast("webtunnel-http-encoder", encoder);
        channel.pipeline().addLast("webtunnel-upgrade", new HttpUpgradeServerHandler(handshake, decoder, encoder, handshakeDone));
    }
}
