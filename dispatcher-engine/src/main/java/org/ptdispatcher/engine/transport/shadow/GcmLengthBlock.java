package org.ptdispatcher.engine.transport.shadow;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * AES-GCM for the one message that is always 2 bytes: a chunk's length. Sealing it through the
 * JCA costs a full cipher initialisation and two block multiplications that the JDK does one
 * bit at a time, as much as a third of the work of a whole 16 KiB payload; here it is one
 * two-block AES-ECB call (the JDK's AES intrinsic, no re-initialisation) and two table-driven
 * GHASH multiplications. Byte for byte the same as {@code AES/GCM/NoPadding} with a 12-byte
 * nonce, no associated data and a 16-byte tag (NIST SP 800-38D); the tests check it against
 * the JDK's GCM.
 *
 * <p>GHASH uses the 4-bit table method (Shoup), as mbed TLS does: per key, 16 multiples of H;
 * per block, 32 table steps.
 */
final class GcmLengthBlock {
    /** Reduction constants for the 4 bits shifted out in each step. */
    private static final long[] LAST4 = {
        0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0,
        0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0,
    };

    private final Cipher ecb;
    private final long[] tableHigh = new long[16];
    private final long[] tableLow = new long[16];
    /** J0 and inc32(J0), then their encryptions. */
    private final byte[] counters = new byte[32];
    private final byte[] keystream = new byte[32];
    private final byte[] block = new byte[16];

    GcmLengthBlock(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] h = ecb.doFinal(new byte[16]);
            buildTable(getLong(h, 0), getLong(h, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is missing from this Java runtime", e);
        }
    }

    /** Seals the 2-byte big-endian {@code length} under {@code nonce} into {@code dst} (18 bytes: ciphertext, tag). */
    void seal(byte[] nonce, int length, byte[] dst, int dstOffset) {
        keystream(nonce);
        byte c0 = (byte) ((length >>> 8) ^ keystream[16]);
        byte c1 = (byte) (length ^ keystream[17]);
        dst[dstOffset] = c0;
        dst[dstOffset + 1] = c1;
        tag(c0, c1, dst, dstOffset + 2);
    }

    /**
     * Opens 18 bytes (ciphertext, tag) at {@code src[srcOffset]}; returns the length.
     *
     * @throws AEADBadTagException if the tag does not verify
     */
    int open(byte[] nonce, byte[] src, int srcOffset) throws AEADBadTagException {
        keystream(nonce);
        byte c0 = src[srcOffset];
        byte c1 = src[srcOffset + 1];
        tag(c0, c1, block, 0);
        int difference = 0;
        for (int i = 0; i < 16; i++) {
            difference |= block[i] ^ src[srcOffset + 2 + i];
        }
        if (difference != 0) {
            throw new AEADBadTagException("length tag mismatch");
        }
        return (((c0 ^ keystream[16]) & 0xff) << 8) | ((c1 ^ keystream[17]) & 0xff);
    }

    /** E(K, J0) into keystream[0..16), E(K, inc32(J0)) into keystream[16..32). */
    private void keystream(byte[] nonce) {
        System.arraycopy(nonce, 0, counters, 0, 12);
        counters[12] = 0;
        counters[13] = 0;
        counters[14] = 0;
        counters[15] = 1;
        System.arraycopy(nonce, 0, counters, 16, 12);
        counters[28] = 0;
        counters[29] = 0;
        counters[30] = 0;
        counters[31] = 2;
        try {
            ecb.update(counters, 0, 32, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-ECB failed", e);
        }
    }

    /** The tag of the 2-byte ciphertext c0 c1: E(K, J0) xor GHASH(C padded, length block). */
    private void tag(byte c0, byte c1, byte[] dst, int dstOffset) {
        // X1 = (C || 0^112) * H
        long xh = ((c0 & 0xffL) << 56) | ((c1 & 0xffL) << 48);
        long[] x = multiply(xh, 0);
        // X2 = (X1 xor [len(A)=0]64 || [len(C)=16 bits]64) * H
        x = multiply(x[0], x[1] ^ 16);
        putLong(dst, dstOffset, x[0] ^ getLong(keystream, 0));
        putLong(dst, dstOffset + 8, x[1] ^ getLong(keystream, 8));
    }

    private void buildTable(long hh, long hl) {
        tableHigh[8] = hh;
        tableLow[8] = hl;
        long vh = hh;
        long vl = hl;
        for (int i = 4; i > 0; i >>= 1) {
            long t = (vl & 1) * 0xe1000000L;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ (t << 32);
            tableHigh[i] = vh;
            tableLow[i] = vl;
        }
        for (int i = 2; i <= 8; i *= 2) {
            long ih = tableHigh[i];
            long il = tableLow[i];
            for (int j = 1; j < i; j++) {
                tableHigh[i + j] = ih ^ tableHigh[j];
                tableLow[i + j] = il ^ tableLow[j];
            }
        }
    }

    /** (xh || xl) * H in GF(2^128), GCM's bit order. */
    private long[] multiply(long xh, long xl) {
        int lo = (int) (xl & 0xf);
        long zh = tableHigh[lo];
        long zl = tableLow[lo];
        for (int i = 15; i >= 0; i--) {
            int b = (int) ((i >= 8 ? xl >>> ((15 - i) * 8) : xh >>> ((7 - i) * 8)) & 0xff);
            lo = b & 0xf;
            int hi = b >>> 4;
            if (i != 15) {
                int rem = (int) (zl & 0xf);
                zl = (zh << 60) | (zl >>> 4);
                zh = zh >>> 4;
                zh ^= LAST4[rem] << 48;
                zh ^= tableHigh[lo];
                zl ^= tableLow[lo];
            }
            int rem = (int) (zl & 0xf);
            zl = (zh << 60) | (zl >>> 4);
            zh = zh >>> 4;
            zh ^= LAST4[rem] << 48;
            zh ^= tableHigh[hi];
            zl ^= tableLow[hi];
        }
        return new long[] {zh, zl};
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
