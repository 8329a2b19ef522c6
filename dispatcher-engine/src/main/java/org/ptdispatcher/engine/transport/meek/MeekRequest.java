package org.ptdispatcher.engine.transport.meek;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The client's request, as lyrebird 0.8.1's Go HTTP client writes it (captured in the tests):
 * {@code POST <path> HTTP/1.1}, then {@code Host} (the URL's host, however the connection was
 * fronted), {@code Content-Length} (0 for a poll), {@code X-Session-Id}, {@code Accept-Encoding:
 * gzip}, in that order, without a {@code User-Agent} (lyrebird sets it empty, which Go leaves out).
 */
final class MeekRequest {
    static final String SESSION_HEADER = "X-Session-Id";
    /** The largest body either side sends in one message (meek's {@code maxPayloadLength}). */
    static final int MAX_PAYLOAD = 0x10000;

    private MeekRequest() {
    }

    /** A request carrying {@code body} (whose ownership passes to the request). */
    static FullHttpRequest post(MeekTarget target, String sessionId, ByteBuf body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target.requestUri(), body);
        request.headers()
                .add("Host", target.hostHeader())
                .add("Content-Length", body.readableBytes())
                .add(SESSION_HEADER, sessionId)
                .add("Accept-Encoding", "gzip");
        return request;
    }

    /** A new session's id: 32 hex digits of 128 random bits (lyrebird: the first half of SHA-256 of 64 random bytes). */
    static String newSessionId(SecureRandom random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
