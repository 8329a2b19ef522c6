package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's half of webtunnel's HTTP upgrade, as logic without a channel: a
 * {@code GET} of the secret path asking for {@code Connection: upgrade} and {@code Upgrade: websocket}
 * is answered {@code 101 Switching Protocols}, byte for byte the reference's answer
 * ({@code Connection: upgrade}, {@code Upgrade: websocket}, nothing else), and the connection becomes
 * the tunnel; any other request gets the {@link DecoyPage}. (webtunnel 0.0.7 itself upgrades any path
 * and closes on other requests, leaving paths to the proxy in front.)
 */
final class HttpUpgradeServerHandshake {
    private final String requestPath;
    private final DecoyPage decoy;

    /** What to do with one request. */
    sealed interface Answer {
        /** Switch to the tunnel; the client's address, if the proxy in front said it. */
        record Upgrade(Optional<InetAddress> forwardedFor) implements Answer {
        }

        record Decoy(FullHttpResponse response) implements Answer {
        }

        /** A request that does not parse: 400, then close, as a web server does. */
        record Malformed(FullHttpResponse response) implements Answer {
        }
    }

    HttpUpgradeServerHandshake(String requestPath, DecoyPage decoy) {
        this.requestPath = requestPath;
        this.decoy = decoy;
    }

    Answer answer(HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            FullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER);
            bad.headers().set("Content-Length", 0).set("Connection", "close");
            return new Answer.Malformed(bad);
        }
        if (isUpgrade(request)) {
            return new Answer.Upgrade(ForwardedFor.clientAddress(request.headers().getAll("X-Forwarded-For")));
        }
        return new Answer.Decoy(decoy.response(!HttpMethod.HEAD.equals(request.method())));
    }

    private boolean isUpgrade(HttpRequest request) {
        String target = request.uri();
        int query = target.indexOf('?');
        String path = query >= 0 ? target.substring(0, query) : target;
        return HttpMethod.GET.equals(request.method())
                && path.equals(requestPath)
                && hasToken(request.headers().getAll(HttpHeaderNames.CONNECTION), "upgrade")
                && hasToken(request.headers().getAll(HttpHeaderNames.UPGRADE), "websocket");
    }

    /** Whether a comma-separated header (over all its lines) lists {@code token}, ignoring case. */
    private static boolean hasToken(List<String> values, String token) {
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The reference's answer, headers in its order and spelling. */
    static FullHttpResponse switchingProtocols() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS,
                Unpooled.EMPTY_BUFFER);
        response.headers().set("Connection", "upgrade").set("Upgrade", "websocket");
        return response;
    }
}
