package org.ptdispatcher.engine.transport.meek;

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
 * {@code meek_lite}: Tor's meek, domain-fronted HTTPS, wire-compatible with lyrebird's (and
 * obfs4proxy's) {@code meek_lite} client and with Tor's classic {@code meek-server} (before its
 * 0.34 turbotunnel rewrite, which {@code meek_lite} does not speak). The client POSTs the stream in
 * bodies of up to 64 KiB with an {@code X-Session-Id}, to a CDN's front name whose {@code Host}
 * names the bridge; the server answers each with what it has for the session. See docs/transports/meek.md.
 */
public final class MeekTransport implements Transport {
    public static final String NAME = "meek_lite";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "Tor's meek: the stream in HTTPS POSTs to a front domain that passes them to the bridge (lyrebird's meek_lite, meek-server).";
    }

    @Override
    public List<TransportOption> options() {
        return List.of(
                TransportOption.builder(MeekClientArgs.URL, Type.TEXT, Side.CLIENT)
                        .description("The bridge's URL, https://HOST/PATH: HOST goes in the requests' Host header. Required unless targets is given.").build(),
                TransportOption.builder(MeekClientArgs.FRONT, Type.TEXT, Side.CLIENT)
                        .description("The front domain: the connection and TLS (SNI) go there instead of to the URL's host.").build(),
                TransportOption.builder(MeekClientArgs.TARGETS, Type.TEXT, Side.CLIENT)
                        .description("Several url/front pairs instead of url and front: URL|FRONT+FRONT,URL|FRONT; a failing pair is left for the next.").build(),
                TransportOption.builder(MeekClientArgs.UTLS, Type.TEXT, Side.CLIENT).advanced()
                        .description("lyrebird's uTLS ClientHello; accepted and ignored (a WARNING says so): this client always sends "
                                + "a Chromium-shaped ClientHello of the JDK's TLS.").build(),
                TransportOption.builder(MeekServer.CERT, Type.TEXT, Side.SERVER)
                        .description("A PEM certificate (chain) file: the server speaks HTTPS itself. Without it, plain HTTP behind a TLS reverse proxy.").build(),
                TransportOption.builder(MeekServer.KEY, Type.TEXT, Side.SERVER)
                        .description("The PEM private key file of cert.").build());
    }

    @Override
    public TransportClient client(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        try {
            return new MeekClient(options, new TlsClientHandlers(TrustAnchors.fromEnvironment(System.getenv())));
        } catch (IOException e) {
            throw new InvalidTransportOptionsException(e.getMessage());
        }
    }

    @Override
    public TransportServer server(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        return new MeekServer(options);
    }
}
