package org.ptdispatcher.engine.tls;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate is for a name, by its subject alternative names only (RFC 6125;
 * the common name is not consulted, as Go and browsers no longer do): a DNS name matches
 * case-insensitively, a wildcard only as the whole leftmost label ({@code *.example.com} covers
 * {@code a.example.com}, not {@code example.com} nor {@code a.b.example.com}); an IP literal
 * matches an IP address entry.
 */
public final class CertificateNames {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateNames() {
    }

    public static boolean matches(X509Certificate certificate, String host) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(bare);
        for (List<?> entry : names) {
            int type = (Integer) entry.get(0);
            String value = entry.get(1).toString();
            if (ip != null && type == IP_ADDRESS && sameAddress(ip, value)) {
                return true;
            }
            if (ip == null && type == DNS_NAME && dnsNameMatches(value, bare)) {
                return true;
            }
        }
        return false;
    }

    /** One SAN dNSName against a host name; visible for tests. */
    static boolean dnsNameMatches(String pattern, String host) {
        String p = trimDot(pattern).toLowerCase(Locale.ROOT);
        String h = trimDot(host).toLowerCase(Locale.ROOT);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int firstDot = h.indexOf('.');
        return firstDot > 0 && h.substring(firstDot + 1).equals(p.substring(2)) && p.indexOf('*', 1) < 0;
    }

    private static boolean sameAddress(byte[] ip, String sanValue) {
        try {
            return InetAddress.getByAddress(ip).equals(InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(sanValue)));
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
