package org.ptdispatcher.engine.transport.meek;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Date;

/**
 * What the server answers, as meek-server's Go {@code net/http} server does: its one page at
 * {@code GET /}, Go's 404 elsewhere, {@code http.Error}'s plain-text 400 and 500, and the
 * session's bytes as {@code application/octet-stream}. A prober sees a small Go web server.
 */
final class WebServerPages {
    static final String HAPPY = "I\u2019m just a happy little web server.\n";
    private static final String TEXT = "text/plain; charset=utf-8";

    private WebServerPages() {
    }

    /** The answer to a GET of {@code path} (the request target without its query). */
    static FullHttpResponse get(String path) {
        return cleanPath(path).equals("/") ? text(HttpResponseStatus.OK, HAPPY, false) : text(HttpResponseStatus.NOT_FOUND, "404 page not found\n", true);
    }

    static FullHttpResponse badRequest() {
        return text(HttpResponseStatus.BAD_REQUEST, "Bad request.\n", true);
    }

    static FullHttpResponse internalError() {
        return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal server error.\n", true);
    }

    /** Go's answer to bytes that are not an HTTP request; the connection closes after it. */
    static FullHttpResponse malformed() {
        FullHttpResponse response = text(HttpResponseStatus.BAD_REQUEST, "400 Bad Request", false);
        response.headers().remove("Date").set("Connection", "close");
        return response;
    }

    /** A session's bytes (the response takes ownership of {@code body}). */
    static FullHttpResponse data(ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        response.headers()
                .set("Content-Type", "application/octet-stream")
                .set("Date", DateFormatter.format(new Date()))
                .set("Content-Length", body.readableBytes());
        return response;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, boolean nosniff) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set("Content-Type", TEXT);
        if (nosniff) {
            response.headers().set("X-Content-Type-Options", "nosniff");
        }
        response.headers()
                .set("Date", DateFormatter.format(new Date()))
                .set("Content-Length", bytes.length);
        return response;
    }

    /** Go's {@code path.Clean} for absolute paths: {@code .} and {@code ..} resolved, repeated slashes one. */
    static String cleanPath(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
