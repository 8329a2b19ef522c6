package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The client's address from the {@code X-Forwarded-For} headers a reverse proxy added: the last
 * entry, the one the proxy in front of us appended for the peer it saw ({@code $proxy_add_x_forwarded_for}
 * in nginx). Earlier entries are whatever the client wrote and prove nothing. webtunnel 0.0.7's
 * server also takes the last entry. An entry that is not an IP address gives nothing.
 */
final class ForwardedFor {
    private ForwardedFor() {
    }

    /** From every value of the header, in the order received (repeated headers are one comma list). */
    static Optional<InetAddress> clientAddress(List<String> headerValues) {
        if (headerValues.isEmpty()) {
            return Optional.empty();
        }
        String joined = String.join(",", headerValues);
        String last = joined.substring(joined.lastIndexOf(',') + 1).trim();
        if (last.startsWith("[") && last.endsWith("]")) {
            last = last.substring(1, last.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(last);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
