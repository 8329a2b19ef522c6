package org.ptdispatcher.engine.transport.shadow;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * ChaCha20-Poly1305 (RFC 8439) with no associated data, built from the JDK's plain
 * {@code ChaCha20} cipher and a Poly1305 of our own. The JDK's {@code ChaCha20-Poly1305} computes
 * Poly1305 with generic big-number code (its intrinsic needs AVX-512), which makes it several
 * times slower than its ChaCha20; this Poly1305 uses 26-bit limbs in longs (the "donna"
 * layout). One ChaCha20 pass per operation yields both the Poly1305 key (block 0) and the
 * ciphertext (blocks 1 on): the input goes after 64 zero bytes. Byte for byte the same as the
 * JDK's {@code ChaCha20-Poly1305}; the tests check it. Not thread-safe.
 */
final class ChaCha20Poly1305Aead {
    private static final int BLOCK0 = 64;
    private static final long MASK26 = 0x3ffffff;

    private final Cipher chacha;
    private final SecretKeySpec key;
    private final int mode;
    private byte[] input = new byte[0];
    private byte[] output = new byte[0];
    private final byte[] tag = new byte[16];

    ChaCha20Poly1305Aead(byte[] key, boolean encrypt) {
        this.key = new SecretKeySpec(key, "ChaCha20");
        this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        try {
            this.chacha = Cipher.getInstance("ChaCha20");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 is missing from this Java runtime", e);
        }
    }

    /** Seals {@code length} bytes of {@code src} into {@code dst}: ciphertext then the 16-byte tag. */
    void seal(byte[] nonce, byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) {
        stream(nonce, src, srcOffset, length);
        System.arraycopy(output, BLOCK0, dst, dstOffset, length);
        poly1305(output, 0, dst, dstOffset, length, dst, dstOffset + length);
    }

    /** Opens {@code length} bytes of ciphertext and tag into {@code dst} ({@code length - 16} bytes). */
    void open(byte[] nonce, byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) throws AEADBadTagException {
        int textLength = length - 16;
        if (textLength < 0) {
            throw new AEADBadTagException("input shorter than a tag");
        }
        stream(nonce, src, srcOffset, textLength);
        poly1305(output, 0, src, srcOffset, textLength, tag, 0);
        int difference = 0;
        for (int i = 0; i < 16; i++) {
            difference |= tag[i] ^ src[srcOffset + textLength + i];
        }
        if (difference != 0) {
            throw new AEADBadTagException("tag mismatch");
        }
        System.arraycopy(output, BLOCK0, dst, dstOffset, textLength);
    }

    /** output[0, 64) = ChaCha20 block 0 (the Poly1305 key in its first 32 bytes); output[64, 64 + length) = text xor blocks 1... */
    private void stream(byte[] nonce, byte[] src, int srcOffset, int length) {
        if (input.length < BLOCK0 + length) {
            input = new byte[BLOCK0 + Math.max(length, ShadowAeadEncoder.MAX_PAYLOAD + 16)];
            output = new byte[input.length];
        }
        Arrays.fill(input, 0, BLOCK0, (byte) 0);
        System.arraycopy(src, srcOffset, input, BLOCK0, length);
        try {
            chacha.init(mode, key, new ChaCha20ParameterSpec(nonce, 0));
            chacha.doFinal(input, 0, BLOCK0 + length, output, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 failed", e);
        }
    }

    /**
     * Poly1305 of {@code text || pad16 || le64(0) || le64(length)} (RFC 8439 section 2.8, no
     * associated data) under the 32-byte key at {@code keyBytes[keyOffset]}, into {@code out}.
     */
    static void poly1305(byte[] keyBytes, int keyOffset, byte[] text, int offset, int length, byte[] out, int outOffset) {
        long r0 = le32(keyBytes, keyOffset) & 0x3ffffff;
        long r1 = (le32(keyBytes, keyOffset + 3) >>> 2) & 0x3ffff03;
        long r2 = (le32(keyBytes, keyOffset + 6) >>> 4) & 0x3ffc0ff;
        long r3 = (le32(keyBytes, keyOffset + 9) >>> 6) & 0x3f03fff;
        long r4 = (le32(keyBytes, keyOffset + 12) >>> 8) & 0x00fffff;
        long s1 = r1 * 5;
        long s2 = r2 * 5;
        long s3 = r3 * 5;
        long s4 = r4 * 5;
        long h0 = 0;
        long h1 = 0;
        long h2 = 0;
        long h3 = 0;
        long h4 = 0;
        byte[] last = new byte[16];
        int blocks = (length + 15) / 16 + 1;
        for (int b = 0; b < blocks; b++) {
            byte[] m;
            int at;
            int start = offset + b * 16;
            if (b == blocks - 1) {
                // The lengths block: le64(aad length = 0), le64(text length).
                Arrays.fill(last, (byte) 0);
                long bytes = length;
                for (int i = 0; i < 8; i++) {
                    last[8 + i] = (byte) (bytes >>> (8 * i));
                }
                m = last;
                at = 0;
            } else if (b * 16 + 16 > length) {
                // The text's last partial block, zero-padded (RFC 8439 pads with zeros, no 0x01 marker).
                Arrays.fill(last, (byte) 0);
                System.arraycopy(text, start, last, 0, length - b * 16);
                m = last;
                at = 0;
            } else {
                m = text;
                at = start;
            }
            h0 += le32(m, at) & MASK26;
            h1 += (le32(m, at + 3) >>> 2) & MASK26;
            h2 += (le32(m, at + 6) >>> 4) & MASK26;
            h3 += (le32(m, at + 9) >>> 6) & MASK26;
            h4 += (le32(m, at + 12) >>> 8) | (1L << 24);

            long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

            long c = d0 >>> 26;
            h0 = d0 & MASK26;
            d1 += c;
            c = d1 >>> 26;
            h1 = d1 & MASK26;
            d2 += c;
            c = d2 >>> 26;
            h2 = d2 & MASK26;
            d3 += c;
            c = d3 >>> 26;
            h3 = d3 & MASK26;
            d4 += c;
            c = d4 >>> 26;
            h4 = d4 & MASK26;
            h0 += c * 5;
            c = h0 >>> 26;
            h0 &= MASK26;
            h1 += c;
        }
        // Full carry, then h mod 2^130 - 5.
        long c = h1 >>> 26;
        h1 &= MASK26;
        h2 += c;
        c = h2 >>> 26;
        h2 &= MASK26;
        h3 += c;
        c = h3 >>> 26;
        h3 &= MASK26;
        h4 += c;
        c = h4 >>> 26;
        h4 &= MASK26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= MASK26;
        h1 += c;

        long g0 = h0 + 5;
        c = g0 >>> 26;
        g0 &= MASK26;
        long g1 = h1 + c;
        c = g1 >>> 26;
        g1 &= MASK26;
        long g2 = h2 + c;
        c = g2 >>> 26;
        g2 &= MASK26;
        long g3 = h3 + c;
        c = g3 >>> 26;
        g3 &= MASK26;
        long g4 = h4 + c - (1L << 26);
        long useG = ~(g4 >> 63);   // all ones when h + 5 - 2^130 >= 0, that is h >= p
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & useG);

        long w0 = (h0 | (h1 << 26)) & 0xffffffffL;
        long w1 = ((h1 >>> 6) | (h2 << 20)) & 0xffffffffL;
        long w2 = ((h2 >>> 12) | (h3 << 14)) & 0xffffffffL;
        long w3 = ((h3 >>> 18) | (h4 << 8)) & 0xffffffffL;

        long f = w0 + le32(keyBytes, keyOffset + 16);
        putLe32(out, outOffset, f);
        f = w1 + le32(keyBytes, keyOffset + 20) + (f >>> 32);
        putLe32(out, outOffset + 4, f);
        f = w2 + le32(keyBytes, keyOffset + 24) + (f >>> 32);
        putLe32(out, outOffset + 8, f);
        f = w3 + le32(keyBytes, keyOffset + 28) + (f >>> 32);
        putLe32(out, outOffset + 12, f);
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static void putLe32(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
