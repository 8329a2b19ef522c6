package org.ptdispatcher.engine.httpproxy;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.options.OptionsSyntaxException;
import org.ptdispatcher.engine.options.TorArgs;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the head of an HTTP/1.x proxy request (RFC 9110, 9112): {@code CONNECT host:port}, or
 * any other method with an absolute {@code http://} URL, whose request is rewritten for the
 * destination. Pure text in, a request or a refusal out; no I/O, so it can be fuzzed.
 *
 * <p>A forwarded request ends with {@code Connection: close}: the connection is a tunnel to one
 * destination, and a browser that reused it for another host would reach the wrong one. Hop-by-hop
 * headers ({@code Connection} and those it names, {@code Proxy-Connection}, {@code Keep-Alive},
 * {@code Proxy-Authorization}) stay here.
 */
public final class HttpProxyHead {
    /** The longest head read (request line and headers): browsers' own limits are of this order. */
    public static final int MAX_LENGTH = 16 * 1024;
    static final int MAX_HEADERS = 100;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive", "proxy-authorization",
            "te", "trailer", "upgrade");

    private HttpProxyHead() {
    }

    /** A header line as sent, and its name in lower case. */
    private record Header(String name, String line) {
    }

    /**
     * Parses {@code head}: the request line and the header lines, each ended by CRLF (a bare LF is
     * taken too, as RFC 9112 allows), up to and including the empty line.
     */
    public static HttpProxyRequest parse(String head) throws HttpProxyRefusal {
        List<String> lines = lines(head);
        if (lines.isEmpty()) {
            throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "no request line");
        }
        String[] requestLine = lines.get(0).split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty()) {
            throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "the request line is not METHOD TARGET VERSION");
        }
        String method = requestLine[0];
        String target = requestLine[1];
        String version = requestLine[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new HttpProxyRefusal(version.startsWith("HTTP/") ? HttpStatus.VERSION_NOT_SUPPORTED : HttpStatus.BAD_REQUEST,
                    "version is not HTTP/1.0 or HTTP/1.1");
        }
        List<Header> headers = headers(lines.subList(1, lines.size()));
        TransportOptions args = args(headers);
        if (method.equals("CONNECT")) {
            return new HttpProxyRequest(authority(target, -1), args, new byte[0]);
        }
        AbsoluteUrl url = AbsoluteUrl.parse(target);
        return new HttpProxyRequest(url.destination, args, forwardedHead(method, url, version, headers));
    }

    private static List<String> lines(String head) throws HttpProxyRefusal {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < head.length()) {
            int newline = head.indexOf('\n', start);
            if (newline < 0) {
                throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "the head does not end with an empty line");
            }
            int end = newline > start && head.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            String line = head.substring(start, end);
            start = newline + 1;
            if (line.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // RFC 9112 2.2: empty lines before the request line are ignored
                }
                if (start != head.length()) {
                    throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "bytes after the head's empty line");
                }
                return lines;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\r' || c == 0 || (c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "a control character in line " + (lines.size() + 1));
                }
            }
            lines.add(line);
        }
        throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "the head does not end with an empty line");
    }

    private static List<Header> headers(List<String> lines) throws HttpProxyRefusal {
        if (lines.size() > MAX_HEADERS) {
            throw new HttpProxyRefusal(HttpStatus.HEADERS_TOO_LARGE, "more than " + MAX_HEADERS + " header lines");
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                // Also a folded line (one that starts with white space): RFC 9112 5.2 lets a proxy refuse it.
                throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "header line " + (i + 1) + " is not NAME: VALUE");
            }
            headers.add(new Header(line.substring(0, colon).toLowerCase(Locale.ROOT), line));
        }
        return headers;
    }

    private static String value(Header header) {
        return header.line.substring(header.line.indexOf(':') + 1).trim();
    }

    /**
     * Per-connection transport args: {@code Proxy-Authorization: Basic} with the args as the user
     * name (and the password, joined to it, as pt-spec 3.5 joins RFC 1929's two fields).
     */
    private static TransportOptions args(List<Header> headers) throws HttpProxyRefusal {
        Header authorization = null;
        for (Header header : headers) {
            if (header.name.equals("proxy-authorization")) {
                if (authorization != null) {
                    throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "Proxy-Authorization is given twice");
                }
                authorization = header;
            }
        }
        if (authorization == null) {
            return TransportOptions.empty();
        }
        String[] credentials = value(authorization).split(" +", 2);
        if (credentials.length != 2 || !credentials[0].equalsIgnoreCase("Basic")) {
            throw new HttpProxyRefusal(HttpStatus.PROXY_AUTHENTICATION_REQUIRED, "Proxy-Authorization is not Basic");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials[1].trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpProxyRefusal(HttpStatus.PROXY_AUTHENTICATION_REQUIRED, "Proxy-Authorization is not base64");
        }
        int colon = decoded.indexOf(':');
        String joined = colon < 0 ? decoded : decoded.substring(0, colon) + decoded.substring(colon + 1);
        try {
            return TorArgs.parseConnectionArgs(joined);
        } catch (OptionsSyntaxException e) {
            throw new HttpProxyRefusal(HttpStatus.PROXY_AUTHENTICATION_REQUIRED, "transport args in Proxy-Authorization " + e.getMessage());
        }
    }

    /** {@code host:port}, or {@code host} with {@code defaultPort} (-1: the port is required). */
    static HostPort authority(String text, int defaultPort) throws HttpProxyRefusal {
        if (text.indexOf('@') >= 0) {
            throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "the target has user information");
        }
        boolean hasPort = text.startsWith("[") ? text.indexOf("]:") > 0 : text.indexOf(':') >= 0;
        if (!hasPort) {
            if (defaultPort < 0) {
                throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "CONNECT's target has no port");
            }
            text = text + ":" + defaultPort;
        }
        try {
            return HostPort.parseDestination(text);
        } catch (IllegalArgumentException e) {
            throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "the target is not a host and port");
        }
    }

    private static byte[] forwardedHead(String method, AbsoluteUrl url, String version, List<Header> headers) {
        Set<String> named = new HashSet<>(HOP_BY_HOP);
        boolean hasHost = false;
        for (Header header : headers) {
            if (header.name.equals("connection")) {
                for (String name : value(header).split(",")) {
                    named.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
            hasHost |= header.name.equals("host");
        }
        StringBuilder out = new StringBuilder(method).append(' ').append(url.originForm).append(' ').append(version).append("\r\n");
        if (!hasHost) {
            out.append("Host: ").append(url.authority).append("\r\n");
        }
        for (Header header : headers) {
            if (!named.contains(header.name)) {
                out.append(header.line).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** RFC 9110's token: the characters a method or a header name is made of. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An absolute {@code http://} URL split into where to connect and what to ask for there. */
    private record AbsoluteUrl(HostPort destination, String authority, String originForm) {
        static AbsoluteUrl parse(String target) throws HttpProxyRefusal {
            int schemeEnd = target.indexOf("://");
            if (schemeEnd < 0) {
                throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "not a proxy request (the target is not an absolute URL)");
            }
            if (!target.substring(0, schemeEnd).equalsIgnoreCase("http")) {
                throw new HttpProxyRefusal(HttpStatus.NOT_IMPLEMENTED, "only http:// URLs are forwarded (https goes through CONNECT)");
            }
            int authorityStart = schemeEnd + 3;
            int authorityEnd = authorityStart;
            while (authorityEnd < target.length() && "/?#".indexOf(target.charAt(authorityEnd)) < 0) {
                authorityEnd++;
            }
            String authority = target.substring(authorityStart, authorityEnd);
            if (authority.isEmpty()) {
                throw new HttpProxyRefusal(HttpStatus.BAD_REQUEST, "the URL has no host");
            }
            HostPort destination = HttpProxyHead.authority(authority, 80);
            String rest = target.substring(authorityEnd);
            int fragment = rest.indexOf('#');
            if (fragment >= 0) {
                rest = rest.substring(0, fragment);
            }
            String originForm = rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest;
            return new AbsoluteUrl(destination, authority, originForm);
        }
    }
}
