package org.ptdispatcher.engine.transport.shadow;

import org.bouncycastle.crypto.modes.gcm.GCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * AES-GCM for the one message that is always 2 bytes: a chunk's length. Sealing it through the
 * JCA costs a full cipher initialisation and two block multiplications that the JDK does one
 * bit at a time, as much as a third of the work of a whole 16 KiB payload; here it is one
 * two-block AES-ECB call (the JDK's AES intrinsic, no re-initialisation) and two GHASH
 * multiplications with BouncyCastle's multiplier. Its basic one, which keeps only H: a table
 * multiplier's 256 small arrays (9 KiB per direction of every connection) were the largest part
 * of an open tunnel's memory, for two multiplications a chunk. Byte for byte the same as
 * {@code AES/GCM/NoPadding} with a 12-byte nonce, no associated data and a 16-byte tag
 * (NIST SP 800-38D); the tests check it against the JDK's GCM.
 */
final class GcmLengthBlock {
    private final Cipher ecb;
    private final GCMMultiplier ghash = new BasicGCMMultiplier();
    private final byte[] x = new byte[16];
    /** J0 and inc32(J0), then their encryptions. */
    private final byte[] counters = new byte[32];
    private final byte[] keystream = new byte[32];
    private final byte[] block = new byte[16];

    GcmLengthBlock(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] h = ecb.doFinal(new byte[16]);
            ghash.init(h);
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
        Arrays.fill(x, (byte) 0);
        x[0] = c0;
        x[1] = c1;
        ghash.multiplyH(x);
        // X2 = (X1 xor [len(A) = 0]64 || [len(C) = 16 bits]64) * H
        x[15] ^= 16;
        ghash.multiplyH(x);
        for (int i = 0; i < 16; i++) {
            dst[dstOffset + i] = (byte) (x[i] ^ keystream[i]);
        }
    }
}
