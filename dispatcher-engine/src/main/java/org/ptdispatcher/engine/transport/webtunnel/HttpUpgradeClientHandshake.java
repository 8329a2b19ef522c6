package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;

import java.util.Locale;
import java.util.Optional;

/**
 * The client's half of webtunnel's HTTP upgrade, as logic without a channel: the request, and
 * the judgement of the server's answer. The request is byte for byte what webtunnel 0.0.7's and
 * lyrebird's Go client sends (captured from the reference):
 * <pre>
 * GET /PATH HTTP/1.1
 * Host: HOST
 * User-Agent: Go-http-client/1.1
 * Connection: upgrade
 * Upgrade: websocket
 * </pre>
 * so that our client is one more of that crowd rather than a request of its own. After a
 * {@code 101 Switching Protocols} with {@code Upgrade: websocket} and {@code Connection: upgrade}
 * (case-insensitive, as the reference compares them), the connection carries raw bytes: no
 * WebSocket framing.
 */
final class HttpUpgradeClientHandshake {
    /** Go's net/http default; webtunnel sets no User-Agent of its own. */
    static final String USER_AGENT = "Go-http-client/1.1";

    private HttpUpgradeClientHandshake() {
    }

    static FullHttpRequest request(String requestPath, String hostHeader) {
        // Names spelt as Go writes them (Netty's constants are lower case, and headers keep the case given).
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, requestPath, Unpooled.EMPTY_BUFFER);
        request.headers()
                .set("Host", hostHeader)
                .set("User-Agent", USER_AGENT)
                .set("Connection", "upgrade")
                .set("Upgrade", "websocket");
        return request;
    }

    /** Why {@code response} does not switch the connection to the tunnel; empty when it does. */
    static Optional<String> refusal(HttpResponse response) {
        if (!response.decoderResult().isSuccess()) {
            return Optional.of("the server's answer is not HTTP (" + response.decoderResult().cause().getMessage() + ")");
        }
        // The status line's form (as Go reads it) is UpgradeResponseDecoder's check, on the raw line.
        String status = response.status().code() + " " + response.status().reasonPhrase();
        if (!status.equals("101 Switching Protocols")) {
            return Optional.of("the server answered " + status + " instead of 101 Switching Protocols (a wrong url path, or not a webtunnel server)");
        }
        if (!"websocket".equals(lower(response.headers().get(HttpHeaderNames.UPGRADE)))
                || !"upgrade".equals(lower(response.headers().get(HttpHeaderNames.CONNECTION)))) {
            return Optional.of("the server's 101 answer lacks Upgrade: websocket and Connection: upgrade");
        }
        return Optional.empty();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
