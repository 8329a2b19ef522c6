package org.ptdispatcher.engine.transport.webtunnel;

import io.netty.util.NetUtil;
import org.ptdispatcher.engine.common.HostPort;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The address a webtunnel server announces in its SMETHOD line, as webtunnel 0.0.7's does: not
 * where it listens (a port behind the web server, of no use to a client, which goes to the URL)
 * but an address made from the URL, so that each bridge's line has an address of its own that tor
 * can tell apart: {@code 2001:db8::/32} (the documentation prefix) with the next 96 bits from
 * {@code SHA-256("WEBTUNNEL+" + url)}, port 443.
 */
final class SyntheticBridgeAddress {
    private SyntheticBridgeAddress() {
    }

    static HostPort of(String url) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(("WEBTUNNEL+" + url).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] address = new byte[16];
        address[0] = 0x20;
        address[1] = 0x01;
        address[2] = 0x0d;
        address[3] = (byte) 0xb8;
        System.arraycopy(hash, 4, address, 4, 12);
        try {
            // RFC 5952's text (zeros compressed), as Go prints it.
            return new HostPort(NetUtil.toAddressString(Inet6Address.getByAddress(null, address, -1)), 443);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
