package org.ptdispatcher.engine.transport.shadow;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;

/**
 * One direction of a Shadowsocks AEAD stream: the session subkey and the counting nonce (12
 * bytes, little-endian, starting at zero, incremented after every seal or open). AES-GCM
 * payloads go through one JCA {@link Cipher} re-initialised per operation; AES-GCM lengths
 * through {@link GcmLengthBlock}; ChaCha20-Poly1305 through {@link ChaCha20Poly1305Aead}. All
 * on byte arrays: the JDK's fastest path (its intrinsics work on arrays; NIO buffers go
 * through copies). Not thread-safe: it belongs to one channel's event loop.
 */
final class ShadowAead {
    private final ShadowCipher cipher;
    private final Cipher jca;
    private final SecretKeySpec key;
    private final int mode;
    private final byte[] nonce = new byte[ShadowCipher.NONCE_SIZE];
    /** The fast path for length fields under AES-GCM; null for ChaCha20-Poly1305. */
    private final GcmLengthBlock lengthBlock;
    /** ChaCha20-Poly1305 with our Poly1305; null for AES-GCM (which uses {@link #jca}). */
    private final ChaCha20Poly1305Aead chacha;
    private final byte[] lengthPlain = new byte[2];

    private ShadowAead(ShadowCipher cipher, byte[] subkey, int mode) {
        this.cipher = cipher;
        this.mode = mode;
        this.key = new SecretKeySpec(subkey, cipher.keyAlgorithm());
        if (cipher == ShadowCipher.CHACHA20_IETF_POLY1305) {
            this.lengthBlock = null;
            this.chacha = new ChaCha20Poly1305Aead(subkey);
            this.jca = null;
        } else {
            this.lengthBlock = new GcmLengthBlock(subkey);
            this.chacha = null;
            try {
                this.jca = Cipher.getInstance(cipher.transformation());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(cipher.transformation() + " is missing from this Java runtime", e);
            }
        }
    }

    /** The sealing (encrypting) side for a session subkey. */
    static ShadowAead sealer(ShadowCipher cipher, byte[] subkey) {
        return new ShadowAead(cipher, subkey, Cipher.ENCRYPT_MODE);
    }

    /** The opening (decrypting) side for a session subkey. */
    static ShadowAead opener(ShadowCipher cipher, byte[] subkey) {
        return new ShadowAead(cipher, subkey, Cipher.DECRYPT_MODE);
    }

    /**
     * Seals {@code length} bytes of {@code src} at {@code srcOffset} into {@code dst} at
     * {@code dstOffset} ({@code length + 16} bytes written). The arrays must be distinct: the
     * JDK's AEAD copies whole arrays when they are the same (it cannot rule out an overlap).
     */
    void seal(byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) {
        if (chacha != null) {
            chacha.seal(nonce, src, srcOffset, length, dst, dstOffset);
            increment();
            return;
        }
        try {
            jca.init(mode, key, parameters());
            jca.doFinal(src, srcOffset, length, dst, dstOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD seal failed", e);
        }
        increment();
    }

    /**
     * Opens {@code length} bytes of ciphertext and tag from {@code src} into {@code dst}
     * ({@code length - 16} bytes written). The arrays must be distinct.
     *
     * @throws AEADBadTagException if the ciphertext or tag is not authentic
     */
    void open(byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) throws AEADBadTagException {
        if (chacha != null) {
            chacha.open(nonce, src, srcOffset, length, dst, dstOffset);
            increment();
            return;
        }
        try {
            jca.init(mode, key, parameters());
            jca.doFinal(src, srcOffset, length, dst, dstOffset);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            AEADBadTagException bad = new AEADBadTagException("AEAD open failed: " + e.getClass().getSimpleName());
            bad.initCause(e);
            throw bad;
        }
        increment();
    }

    /** Seals a chunk's 2-byte length into {@code dst} (18 bytes). */
    void sealLength(int length, byte[] dst, int dstOffset) {
        if (lengthBlock != null) {
            lengthBlock.seal(nonce, length, dst, dstOffset);
            increment();
        } else {
            lengthPlain[0] = (byte) (length >>> 8);
            lengthPlain[1] = (byte) length;
            seal(lengthPlain, 0, 2, dst, dstOffset);
        }
    }

    /**
     * Opens a chunk's sealed length (18 bytes at {@code src[srcOffset]}).
     *
     * @throws AEADBadTagException if it is not authentic
     */
    int openLength(byte[] src, int srcOffset) throws AEADBadTagException {
        if (lengthBlock != null) {
            int length = lengthBlock.open(nonce, src, srcOffset);
            increment();
            return length;
        }
        open(src, srcOffset, 2 + ShadowCipher.TAG_SIZE, lengthPlain, 0);
        return ((lengthPlain[0] & 0xff) << 8) | (lengthPlain[1] & 0xff);
    }

    private AlgorithmParameterSpec parameters() {
        return new GCMParameterSpec(ShadowCipher.TAG_SIZE * 8, nonce);
    }

    private void increment() {
        for (int i = 0; i < nonce.length; i++) {
            if (++nonce[i] != 0) {
                return;
            }
        }
    }
}
