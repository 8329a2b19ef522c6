package org.ptdispatcher.engine.transport.webtunnel;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A webtunnel bridge line's arguments, read as lyrebird 0.8.1 reads them:
 * <ul>
 *   <li>{@code url=https://HOST[:PORT]/PATH} (or {@code http://}, without TLS): where to connect,
 *   the name sent in SNI, the {@code Host} header and the secret path;</li>
 *   <li>{@code addr=HOST:PORT}: connect there instead of the URL's host and port;</li>
 *   <li>{@code sni-imitation=NAME}: send NAME in SNI but check the certificate against the URL's host;</li>
 *   <li>{@code servername=NAME[,NAME...]}: the name(s) to send in SNI, one at a time, moving to the
 *   next when a connection fails ({@link ServerNameRotation}); the certificate is checked against
 *   the name sent unless {@code sni-imitation} or {@code utls-authority} says otherwise;</li>
 *   <li>{@code utls-authority=NAME}: check the certificate against NAME;</li>
 *   <li>{@code cert=BASE64}: accept exactly the certificate chain with this {@code CertificateChainHash}
 *   and check nothing else;</li>
 *   <li>{@code utls=ID}: uTLS's ClientHello to imitate; not honoured here (no uTLS in Java), see
 *   {@link #ignoredUtls()};</li>
 *   <li>{@code ver=}: the server's version; read by no client (nor by the reference's).</li>
 * </ul>
 * The address Tor asks for (the bridge line's, a synthetic one) is not where the client goes.
 *
 * @param dial            where the TCP connection goes
 * @param tls             whether it is {@code https}
 * @param requestPath     the request-target of the upgrade request, {@code /} and the URL's path as written
 * @param hostHeader      the {@code Host} header: the URL's host without port, as Go's client writes it
 * @param serverNames     the {@code servername} spec or the URL's host (or {@code sni-imitation}'s name)
 * @param verifyName      the name the certificate must carry, when it is not the name sent
 * @param pins            base64 chain hashes from {@code cert=}; when present, the only check
 * @param ignoredUtls     the {@code utls} value, which this client cannot honour
 */
record WebTunnelClientArgs(HostPort dial, boolean tls, String requestPath, String hostHeader, String serverNames,
                           Optional<String> verifyName, Optional<String> pins, Optional<String> ignoredUtls) {

    static final String URL = "url";
    static final String ADDR = "addr";
    static final String SERVERNAME = "servername";
    static final String SNI_IMITATION = "sni-imitation";
    static final String UTLS_AUTHORITY = "utls-authority";
    static final String CERT = "cert";
    static final String UTLS = "utls";
    static final String VER = "ver";

    static WebTunnelClientArgs parse(TransportOptions options) throws InvalidTransportOptionsException {
        WebTunnelUrl url = WebTunnelUrl.parse(options.require(URL));
        HostPort dial = url.hostPort();
        Optional<String> addr = options.get(ADDR);
        if (addr.isPresent()) {
            try {
                dial = HostPort.parseDestination(addr.get());
            } catch (IllegalArgumentException e) {
                throw new InvalidTransportOptionsException("addr: " + e.getMessage());
            }
        }
        String serverNames = url.host();
        Optional<String> verifyName = Optional.empty();
        Optional<String> imitation = options.get(SNI_IMITATION);
        if (imitation.isPresent()) {
            serverNames = nonEmpty(SNI_IMITATION, imitation.get());
            verifyName = Optional.of(url.host());
        }
        Optional<String> servername = options.get(SERVERNAME);
        if (servername.isPresent()) {
            serverNames = nonEmpty(SERVERNAME, servername.get());
            ServerNameRotation.names(serverNames);
        }
        Optional<String> authority = options.get(UTLS_AUTHORITY);
        if (authority.isPresent()) {
            verifyName = Optional.of(nonEmpty(UTLS_AUTHORITY, authority.get()));
        }
        Optional<String> pins = options.get(CERT);
        if (pins.isPresent()) {
            try {
                Base64.getDecoder().decode(pins.get());
            } catch (IllegalArgumentException e) {
                throw new InvalidTransportOptionsException("cert: not base64 (the certificate chain's SHA-256, as the bridge line gives it)");
            }
        }
        return new WebTunnelClientArgs(dial, url.tls(), url.requestPath(), url.hostHeader(), serverNames, verifyName, pins,
                options.get(UTLS));
    }

    private static String nonEmpty(String key, String value) throws InvalidTransportOptionsException {
        if (value.trim().isEmpty()) {
            throw new InvalidTransportOptionsException(key + " is empty");
        }
        return value.trim();
    }

    /** The parts of a webtunnel {@code url=} the client and the server read. */
    record WebTunnelUrl(boolean tls, String host, int port, String requestPath) {

        static WebTunnelUrl parse(String text) throws InvalidTransportOptionsException {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new InvalidTransportOptionsException("url: not a URL (" + e.getReason() + ")");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean tls = switch (scheme) {
                case "https" -> true;
                case "http" -> false;
                default -> throw new InvalidTransportOptionsException("url: the scheme must be https or http");
            };
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw new InvalidTransportOptionsException("url: no host");
            }
            host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
            String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
            String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
            return new WebTunnelUrl(tls, host, port, "/" + path);
        }

        HostPort hostPort() {
            return new HostPort(host, port);
        }

        /** Go writes the URL's host without its port; an IPv6 literal keeps its brackets so the header parses. */
        String hostHeader() {
            return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        }
    }
}
