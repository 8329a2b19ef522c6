package org.ptdispatcher.engine.transport.obfs4.ntor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256, whole and truncated to 128 bits: the marks and MACs of the obfs4 handshake are
 * HMAC-SHA256-128 keyed with {@code B | NODEID}.
 */
public final class Obfs4Mac {
    public static final int MARK_LENGTH = 16;
    public static final int MAC_LENGTH = 16;

    private final Mac mac;

    /**
     * One unkeyed HMAC-SHA256 per thread: {@code Mac.getInstance} searches the providers each
     * time, which cost more than the few HMACs of a handshake. Handshakes copy it ({@link #Obfs4Mac})
     * or use it for one whole computation ({@link #hmacSha256}), so it never holds state between calls.
     */
    private static final ThreadLocal<Mac> UNKEYED = ThreadLocal.withInitial(Obfs4Mac::newHmacSha256);

    /** A reusable HMAC-SHA256 keyed with {@code key}; not thread-safe (one per handshake). */
    public Obfs4Mac(byte[] key) {
        mac = copy(UNKEYED.get());
        init(mac, key);
    }

    /** HMAC-SHA256-128 of the concatenation of {@code parts}. */
    public byte[] truncated(byte[]... parts) {
        for (byte[] p : parts) {
            mac.update(p);
        }
        byte[] full = mac.doFinal();
        byte[] out = new byte[16];
        System.arraycopy(full, 0, out, 0, 16);
        return out;
    }

    /** HMAC-SHA256-128 of {@code data[0, length)} followed by {@code tail}. */
    public byte[] truncated(byte[] data, int length, byte[] tail) {
        mac.update(data, 0, length);
        mac.update(tail);
        byte[] full = mac.doFinal();
        byte[] out = new byte[16];
        System.arraycopy(full, 0, out, 0, 16);
        return out;
    }

    /** HMAC-SHA256 of the parts one after another; null parts are skipped (HKDF's first block has no predecessor). */
    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        Mac mac = UNKEYED.get();
        init(mac, key);
        for (byte[] part : parts) {
            if (part != null) {
                mac.update(part);
            }
        }
        return mac.doFinal();
    }

    private static Mac newHmacSha256() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    private static Mac copy(Mac prototype) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newHmacSha256();
        }
    }

    private static void init(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
    }

    public static boolean equal(byte[] a, int aOffset, byte[] b) {
        int diff = 0;
        for (int i = 0; i < b.length; i++) {
            diff |= a[aOffset + i] ^ b[i];
        }
        return diff == 0;
    }

    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
