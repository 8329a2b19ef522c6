package org.ptdispatcher.engine.httpproxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.ptdispatcher.engine.net.ConnectFailure;

import java.nio.charset.StandardCharsets;

/** The replies the HTTP proxy side sends, and the one that describes a failed connection. */
public enum HttpStatus {
    CONNECTION_ESTABLISHED(200, "Connection established"),
    BAD_REQUEST(400, "Bad Request"),
    PROXY_AUTHENTICATION_REQUIRED(407, "Proxy Authentication Required"),
    REQUEST_TIMEOUT(408, "Request Timeout"),
    HEADERS_TOO_LARGE(431, "Request Header Fields Too Large"),
    NOT_IMPLEMENTED(501, "Not Implemented"),
    BAD_GATEWAY(502, "Bad Gateway"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable"),
    GATEWAY_TIMEOUT(504, "Gateway Timeout"),
    VERSION_NOT_SUPPORTED(505, "HTTP Version Not Supported");

    private final int code;
    private final String reason;

    HttpStatus(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** The status for a tunnel that could not be opened: the gateway timed out, or failed. */
    public static HttpStatus forFailure(ConnectFailure failure) {
        return failure == ConnectFailure.TIMED_OUT ? GATEWAY_TIMEOUT : BAD_GATEWAY;
    }

    /** The status line and headers of this reply, with no body. */
    byte[] head() {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(code).append(' ').append(reason).append("\r\n");
        if (this != CONNECTION_ESTABLISHED) {
            if (this == PROXY_AUTHENTICATION_REQUIRED) {
                head.append("Proxy-Authenticate: Basic realm=\"transport args\"\r\n");
            }
            head.append("Content-Length: 0\r\nConnection: close\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends this reply (the 200 that starts a CONNECT tunnel, or a refusal before its close). */
    public ChannelFuture write(Channel channel) {
        return channel.writeAndFlush(Unpooled.wrappedBuffer(head()));
    }

    /** Sends this reply, then closes the connection. */
    public void writeAndClose(Channel channel) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(head())).addListener(ChannelFutureListener.CLOSE);
    }
}
