package org.ptdispatcher.engine.upstream;

import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks4ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import org.ptdispatcher.engine.common.HostPort;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The upstream proxy of {@code TOR_PT_PROXY} / {@code -proxy} that every outgoing transport
 * connection must go through: {@code socks5://[user[:pass]@]host:port},
 * {@code socks4a://[user@]host:port} or {@code http://[user:pass@]host:port} (HTTP CONNECT).
 */
public record UpstreamProxy(Scheme scheme, HostPort address, Optional<String> user, Optional<String> password) {

    public enum Scheme { SOCKS5, SOCKS4A, HTTP }

    /**
     * Parses and checks the URI.
     *
     * @throws IllegalArgumentException with the sentence for the PROXY-ERROR line
     */
    public static UpstreamProxy parse(String text) {
        if (!text.contains("://")) {
            throw new IllegalArgumentException("the proxy URI has no type; write socks5://, socks4a:// or http://");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed proxy URI: " + e.getReason());
        }
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("the proxy URI has no type; write socks5://, socks4a:// or http://");
        }
        Scheme scheme = switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "socks5" -> Scheme.SOCKS5;
            case "socks4a", "socks4" -> Scheme.SOCKS4A;
            case "http" -> Scheme.HTTP;
            default -> throw new IllegalArgumentException("proxy type \"" + uri.getScheme() + "\" is not supported; use socks5, socks4a or http");
        };
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("the proxy URI must name host:port");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the proxy URI must hold only [user[:password]@]host:port");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        HostPort address;
        try {
            address = new HostPort(HostPort.parseDestinationHost(host), HostPort.parsePort(Integer.toString(uri.getPort()), false));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proxy address: " + e.getMessage());
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getUserInfo() != null) {
            String info = uri.getUserInfo();
            int colon = info.indexOf(':');
            user = Optional.of(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? Optional.empty() : Optional.of(info.substring(colon + 1));
        }
        if (scheme == Scheme.SOCKS4A && password.isPresent()) {
            throw new IllegalArgumentException("SOCKS 4a proxies take a user ID but no password");
        }
        if (scheme == Scheme.HTTP && user.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("an HTTP proxy with a user name needs a password too (http://user:password@host:port)");
        }
        if (scheme == Scheme.SOCKS5 && (user.map(String::length).orElse(0) > 255 || password.map(String::length).orElse(0) > 255)) {
            throw new IllegalArgumentException("SOCKS 5 user names and passwords are at most 255 bytes");
        }
        return new UpstreamProxy(scheme, address, user, password);
    }

    /** A new handler, one per connection, that tunnels to {@code destination} through this proxy. */
    public ProxyHandler newHandler(java.net.InetSocketAddress proxyAddress) {
        return switch (scheme) {
            case SOCKS5 -> new Socks5ProxyHandler(proxyAddress, user.orElse(null), password.orElse(null));
            case SOCKS4A -> new Socks4ProxyHandler(proxyAddress, user.orElse(null));
            case HTTP -> user.isPresent()
                    ? new HttpProxyHandler(proxyAddress, user.get(), password.orElse(""))
                    : new HttpProxyHandler(proxyAddress);
        };
    }

    /** The proxy as it may be logged: without its password. */
    @Override
    public String toString() {
        return scheme.name().toLowerCase(Locale.ROOT) + "://" + user.map(u -> u + "@").orElse("") + address;
    }
}
