package org.ptdispatcher.engine.common;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A host (IPv4 literal, IPv6 literal or DNS name) and a port, as parents write them:
 * {@code 127.0.0.1:9001}, {@code [2001:db8::1]:443}, {@code example.com:9922}. Parsing never
 * touches DNS; names are resolved by Netty's resolver when a connection is made.
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
    }

    /**
     * Parses a destination: the host may be an IP literal or a name; the port must be 1-65535.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static HostPort parseDestination(String text) {
        HostPort parsed = split(text);
        if (!parsed.isIpLiteral()) {
            requireHostName(parsed.host);
        }
        if (parsed.port == 0) {
            throw new IllegalArgumentException("port 0 is not a destination port");
        }
        return parsed;
    }

    /**
     * Parses an address to bind: the host must be an IP literal (the spec forbids names here);
     * port 0 means "any free port".
     */
    public static HostPort parseBindable(String text) {
        HostPort parsed = split(text);
        if (!parsed.isIpLiteral()) {
            throw new IllegalArgumentException("\"" + parsed.host + "\" is not an IP address (host names are not allowed here)");
        }
        return parsed;
    }

    /** Parses a lone port number. */
    public static int parsePort(String text, boolean allowZero) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a port number");
        }
        if (port < (allowZero ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside " + (allowZero ? "0" : "1") + "-65535");
        }
        return port;
    }

    /** Checks a lone host for a bind address: an IP literal, brackets allowed around IPv6. */
    public static String parseBindableHost(String text) {
        String host = stripBrackets(text.trim());
        if (!isIpLiteral(host)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address (host names are not allowed here)");
        }
        return host;
    }

    /** Checks a lone destination host: an IP literal or a DNS name. */
    public static String parseDestinationHost(String text) {
        String host = stripBrackets(text.trim());
        if (!isIpLiteral(host)) {
            requireHostName(host);
        }
        return host;
    }

    public static HostPort of(InetSocketAddress address) {
        String host = address.isUnresolved() ? address.getHostString() : NetUtil.toAddressString(address.getAddress());
        return new HostPort(host, address.getPort());
    }

    public boolean isIpLiteral() {
        return isIpLiteral(host);
    }

    public boolean isIpv6Literal() {
        return NetUtil.isValidIpV6Address(host);
    }

    /**
     * A socket address for this endpoint: resolved (without DNS) for IP literals, unresolved for
     * names so that the caller's resolver, or an upstream proxy, resolves them.
     */
    public InetSocketAddress toSocketAddress() {
        if (isIpLiteral()) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(host)), port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("IP literal did not convert: " + host, e);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The endpoint as the IPC messages write it: IPv6 hosts in brackets. */
    @Override
    public String toString() {
        return (isIpv6Literal() ? "[" + host + "]" : host) + ":" + port;
    }

    private static HostPort split(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the address is empty");
        }
        String trimmed = text.trim();
        String host;
        String portText;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0 || close + 1 >= trimmed.length() || trimmed.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("\"" + text + "\" is not [IPv6]:port");
            }
            host = trimmed.substring(1, close);
            if (!NetUtil.isValidIpV6Address(host)) {
                throw new IllegalArgumentException("\"" + host + "\" is not an IPv6 address");
            }
            portText = trimmed.substring(close + 2);
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("\"" + text + "\" has no port (write host:port)");
            }
            host = trimmed.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("\"" + text + "\" looks like an IPv6 address without brackets (write [address]:port)");
            }
            portText = trimmed.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\" has no host");
        }
        return new HostPort(host, parsePort(portText, true));
    }

    private static boolean isIpLiteral(String host) {
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static void requireHostName(String host) {
        if (host.length() > 253 || !host.matches("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?")) {
            throw new IllegalArgumentException("\"" + host + "\" is neither an IP address nor a host name");
        }
    }
}
