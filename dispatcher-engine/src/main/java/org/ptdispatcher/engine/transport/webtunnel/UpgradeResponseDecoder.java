package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Netty's response decoder, but a {@code 101} never has a body (RFC 9110 section 15.2: no 1xx
 * response has content). Netty takes a 101 with {@code Upgrade: websocket} and no
 * {@code Sec-WebSocket-Accept}, which is exactly webtunnel's answer, for the old Hixie-76
 * WebSocket handshake, and would read the tunnel's bytes after it as that handshake's body.
 * After the 101 the decoder passes any bytes on as they are.
 */
final class UpgradeResponseDecoder extends HttpResponseDecoder {
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        if (msg instanceof HttpResponse response && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            return true;
        }
        return super.isContentAlwaysEmpty(msg);
    }
}
