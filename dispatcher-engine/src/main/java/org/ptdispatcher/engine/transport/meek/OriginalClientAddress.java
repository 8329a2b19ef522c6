package org.ptdispatcher.engine.transport.meek;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The client's address as meek-server determines it: the {@code Meek-IP} header (which meek's
 * reflectors set), else the first entry of {@code X-Forwarded-For} (which a CDN sets for the client
 * it saw), else the connection's peer. A header whose first entry is not a bare IP address gives
 * none, as meek-server gives none (it then sends no USERADDR); the peer is used then.
 */
final class OriginalClientAddress {
    private OriginalClientAddress() {
    }

    /** From the headers, if they name one. */
    static Optional<InetAddress> fromHeaders(HttpHeaders headers) {
        String value = headers.get("Meek-IP");
        if (value == null || value.isEmpty()) {
            value = headers.get("X-Forwarded-For");
        }
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).trim();
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(first);
        if (bytes == null || first.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
