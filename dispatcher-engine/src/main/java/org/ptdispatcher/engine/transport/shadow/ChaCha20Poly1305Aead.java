package org.ptdispatcher.engine.transport.shadow;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * ChaCha20-Poly1305 (RFC 8439) with no associated data, built from the JDK's plain
 * {@code ChaCha20} cipher and BouncyCastle's Poly1305. The JDK's {@code ChaCha20-Poly1305} computes
 * Poly1305 with generic big-number code (its intrinsic needs AVX-512), which makes it several
 * times slower than its ChaCha20; BouncyCastle's uses 26-bit limbs in longs (the "donna"
 * layout). One ChaCha20 pass per operation yields both the Poly1305 key (block 0) and the
 * ciphertext (blocks 1 on): the input goes after 64 zero bytes. Byte for byte the same as the
 * JDK's {@code ChaCha20-Poly1305}; the tests check it. Not thread-safe.
 */
final class ChaCha20Poly1305Aead {
    private static final int BLOCK0 = 64;
    private static final byte[] ZEROS = new byte[16];

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
     * BouncyCastle's Poly1305 (26-bit limbs), not the JDK's generic big-number one.
     */
    static void poly1305(byte[] keyBytes, int keyOffset, byte[] text, int offset, int length, byte[] out, int outOffset) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(keyBytes, keyOffset, 32));
        mac.update(text, offset, length);
        mac.update(ZEROS, 0, (16 - length % 16) % 16);
        byte[] lengths = new byte[16];
        for (int i = 0; i < 8; i++) {
            lengths[8 + i] = (byte) ((long) length >>> (8 * i));
        }
        mac.update(lengths, 0, 16);
        mac.doFinal(out, outOffset);
    }
}
