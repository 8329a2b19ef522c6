package org.ptdispatcher.engine.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash a bridge line's {@code cert=} pins: SHA-256 folded over the chain the server sent,
 * leaf first ({@code h = SHA-256(leaf)}, then {@code h = SHA-256(h || SHA-256(next))}), as
 * webtunnel's pin check (v2ray's {@code GenerateCertChainHash}) computes it. Base64 of it is what
 * bridge operators publish.
 */
public final class CertificateChainHash {
    private CertificateChainHash() {
    }

    /** The folded hash of DER-encoded certificates, leaf first; empty for an empty chain. */
    public static byte[] of(List<byte[]> derChain) {
        byte[] hash = new byte[0];
        for (byte[] der : derChain) {
            byte[] single = sha256(der);
            if (hash.length == 0) {
                hash = single;
            } else {
                byte[] joined = new byte[hash.length + single.length];
                System.arraycopy(hash, 0, joined, 0, hash.length);
                System.arraycopy(single, 0, joined, hash.length, single.length);
                hash = sha256(joined);
            }
        }
        return hash;
    }

    /** The folded hash of a chain as a trust manager receives it. */
    public static byte[] of(X509Certificate[] chain) throws CertificateEncodingException {
        List<byte[]> der = new ArrayList<>(chain.length);
        for (X509Certificate certificate : chain) {
            der.add(certificate.getEncoded());
        }
        return of(der);
    }

    /** Whether {@code hash} is one of {@code pins}, compared in constant time. */
    public static boolean isPinned(byte[] hash, List<byte[]> pins) {
        boolean found = false;
        for (byte[] pin : pins) {
            found |= MessageDigest.isEqual(pin, hash);
        }
        return found && hash.length > 0;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
