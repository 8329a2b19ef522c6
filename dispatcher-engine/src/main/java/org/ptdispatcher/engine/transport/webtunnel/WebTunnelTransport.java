package org.ptdispatcher.engine.transport.webtunnel;

import org.ptdispatcher.engine.tls.TlsClientHandlers;
import org.ptdispatcher.engine.tls.TrustAnchors;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportOption.Side;
import org.ptdispatcher.engine.transport.TransportOption.Type;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;

import java.io.IOException;
import java.util.List;

/**
 * {@code webtunnel}: Tor's WebTunnel (HTTPT), wire-compatible with webtunnel 0.0.7 and lyrebird
 * 0.8.1. The client opens TLS to a web server and asks it to upgrade {@code GET /<secret path>} to
 * a WebSocket; after {@code 101 Switching Protocols} the connection carries the raw bytes, without
 * WebSocket framing. The server is plain HTTP behind that web server (nginx), which holds the
 * certificate and passes the secret path to it; see docs/transports/webtunnel.md.
 */
public final class WebTunnelTransport implements Transport {
    public static final String NAME = "webtunnel";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "Tor's WebTunnel: an HTTPS WebSocket upgrade to a web server's secret path, then raw bytes (webtunnel 0.0.7, lyrebird).";
    }

    @Override
    public List<TransportOption> options() {
        return List.of(
                TransportOption.builder(WebTunnelClientArgs.URL, Type.TEXT, Side.BOTH).required()
                        .description("The bridge's URL, https://HOST[:PORT]/SECRET-PATH (http:// for no TLS). The client connects there; "
                                + "the server answers the upgrade on that path only.").build(),
                TransportOption.builder(WebTunnelClientArgs.ADDR, Type.HOST_PORT, Side.CLIENT)
                        .description("Connect to this host:port instead of the URL's.").build(),
                TransportOption.builder(WebTunnelClientArgs.SERVERNAME, Type.TEXT, Side.CLIENT)
                        .description("The name(s) to send in TLS SNI instead of the URL's host, comma-separated: one is used until a "
                                + "connection fails, then the next.").build(),
                TransportOption.builder(WebTunnelClientArgs.SNI_IMITATION, Type.TEXT, Side.CLIENT).advanced()
                        .description("Send this name in TLS SNI, but check the certificate against the URL's host.").build(),
                TransportOption.builder(WebTunnelClientArgs.UTLS_AUTHORITY, Type.TEXT, Side.CLIENT).advanced()
                        .description("Check the server's certificate against this name.").build(),
                TransportOption.builder(WebTunnelClientArgs.CERT, Type.TEXT, Side.CLIENT)
                        .description("Base64 SHA-256 of the server's certificate chain: accept that chain alone, without a certificate authority.").build(),
                TransportOption.builder(WebTunnelClientArgs.UTLS, Type.TEXT, Side.CLIENT).advanced()
                        .description("lyrebird's uTLS ClientHello; accepted and ignored (a WARNING says so): this client always sends "
                                + "a Chromium-shaped ClientHello of the JDK's TLS.").build(),
                TransportOption.builder(WebTunnelClientArgs.VER, Type.TEXT, Side.CLIENT).advanced()
                        .description("The server's webtunnel version from its bridge line; accepted and not used.").build(),
                TransportOption.builder(WebTunnelServer.PAGE, Type.TEXT, Side.SERVER)
                        .description("An HTML file answered with 200 OK to every request that is not the tunnel's; without it, a 404 page.").build());
    }

    @Override
    public TransportClient client(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        try {
            return new WebTunnelClient(options, new TlsClientHandlers(TrustAnchors.fromEnvironment(System.getenv())));
        } catch (IOException e) {
            throw new InvalidTransportOptionsException(e.getMessage());
        }
    }

    @Override
    public TransportServer server(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        return new WebTunnelServer(options);
    }
}
