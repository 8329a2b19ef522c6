package org.ptdispatcher.engine.transport.meek;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * One url/front pair of a bridge line, as lyrebird uses it: the TCP connection and TLS go to the
 * front (its name in SNI; the URL's scheme's port unless the front names one), and the HTTP request
 * names the URL's host in {@code Host} and its path and query as the target. Without a front, all
 * of it is the URL's.
 *
 * @param hostHeader the URL's host as Go's {@code url.Host} writes it (with the port if the URL has one)
 * @param requestUri the URL's path and query, {@code /} for none
 * @param tls        whether the scheme is https
 * @param connect    where the connection goes
 * @param front      the front as given, empty for none
 */
record MeekTarget(String url, String hostHeader, String requestUri, boolean tls, HostPort connect, String front) {

    /** Parses one pair; {@code front} may be empty. */
    static MeekTarget parse(String url, String front) throws InvalidTransportOptionsException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidTransportOptionsException("malformed url: '" + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidTransportOptionsException("invalid scheme: '" + scheme + "' in url '" + url + "'");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || uri.getHost() == null || authority.contains("@")) {
            throw new InvalidTransportOptionsException("url '" + url + "' has no host");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        HostPort connect;
        if (front.isEmpty()) {
            connect = new HostPort(unbracketed(uri.getHost()), uri.getPort() == -1 ? defaultPort : uri.getPort());
        } else {
            connect = frontAddress(front, defaultPort);
        }
        return new MeekTarget(url, authority, requestUri, tls, connect, front);
    }

    /** The name TLS sends and checks the certificate against: the front's host, or the URL's. */
    String tlsName() {
        return connect.host();
    }

    /** The name for LOG lines: the front, or the URL's host. */
    String describe() {
        return front.isEmpty() ? hostHeader : front;
    }

    /** A front is a host, or host:port as Go's {@code url.Host} takes it ({@code [v6]:port} for IPv6 with a port). */
    private static HostPort frontAddress(String front, int defaultPort) throws InvalidTransportOptionsException {
        boolean withPort = front.startsWith("[") ? front.contains("]:") : front.indexOf(':') >= 0 && front.indexOf(':') == front.lastIndexOf(':');
        try {
            if (withPort) {
                HostPort parsed = HostPort.parseDestination(front);
                return new HostPort(unbracketed(parsed.host()), parsed.port());
            }
            String host = unbracketed(front);
            if (host.isEmpty() || host.contains("/") || host.contains("@")) {
                throw new InvalidTransportOptionsException("invalid front: '" + front + "'");
            }
            return new HostPort(host, defaultPort);
        } catch (IllegalArgumentException e) {
            throw new InvalidTransportOptionsException("invalid front: '" + front + "' (" + e.getMessage() + ")");
        }
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    Optional<String> frontName() {
        return front.isEmpty() ? Optional.empty() : Optional.of(front);
    }
}
