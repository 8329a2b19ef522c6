package org.ptdispatcher.engine.transport.shadow;

import javax.crypto.AEADBadTagException;
import org.ptdispatcher.engine.crypto.Keystream;
import org.ptdispatcher.engine.crypto.Poly1305;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * ChaCha20-Poly1305 (RFC 8439) with no associated data, built from our ChaCha20 keystream
 * ({@link Keystream}, eight blocks at a time where the processor allows) and our
 * {@link Poly1305} (64-bit limbs). The JDK's {@code ChaCha20-Poly1305} computes Poly1305 with
 * generic big-number code (its intrinsic needs AVX-512) and its ChaCha20 one block at a time,
 * which makes it several times slower. Block 0
 * of the keystream is the Poly1305 key, blocks 1 on encrypt. Byte for byte the same as the JDK's
 * {@code ChaCha20-Poly1305}; the tests check it. Not thread-safe.
 */
final class ChaCha20Poly1305Aead {
    private static final byte[] ZEROS = new byte[16];
    /** "expand 32-byte k" */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] state = new int[16];
    /** Blocks made with block 0 in one go: the SIMD keystream's batch, so no block is made twice. */
    private static final int FIRST_BLOCKS = 8;
    private static final int BLOCK = 64;

    private final Keystream keystream = Keystream.chacha20();
    /** Blocks 0 to 7 of the current nonce: the Poly1305 key, then the keystream for the first 448 bytes. */
    private final byte[] firstBlocks = new byte[FIRST_BLOCKS * BLOCK];
    private final byte[] tag = new byte[16];
    private final Poly1305 mac = new Poly1305();
    /** le64(associated data length = 0) || le64(text length) */
    private final byte[] lengths = new byte[16];

    /** @param key the 32-byte key; one instance can both seal and open */
    ChaCha20Poly1305Aead(byte[] key) {
        System.arraycopy(SIGMA, 0, state, 0, 4);
        for (int i = 0; i < 8; i++) {
            state[4 + i] = (int) INT_LE.get(key, 4 * i);
        }
    }

    /** Seals {@code length} bytes of {@code src} into {@code dst}: ciphertext then the 16-byte tag. */
    void seal(byte[] nonce, byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) {
        int made = start(nonce, length);
        System.arraycopy(src, srcOffset, dst, dstOffset, length);
        encrypt(made, dst, dstOffset, length);
        poly1305(firstBlocks, 0, dst, dstOffset, length, dst, dstOffset + length);
    }

    /** Opens {@code length} bytes of ciphertext and tag into {@code dst} ({@code length - 16} bytes). */
    void open(byte[] nonce, byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) throws AEADBadTagException {
        int textLength = length - 16;
        if (textLength < 0) {
            throw new AEADBadTagException("input shorter than a tag");
        }
        int made = start(nonce, textLength);
        poly1305(firstBlocks, 0, src, srcOffset, textLength, tag, 0);
        int difference = 0;
        for (int i = 0; i < 16; i++) {
            difference |= tag[i] ^ src[srcOffset + textLength + i];
        }
        if (difference != 0) {
            throw new AEADBadTagException("tag mismatch");
        }
        System.arraycopy(src, srcOffset, dst, dstOffset, textLength);
        encrypt(made, dst, dstOffset, textLength);
    }

    /**
     * Sets the 12-byte nonce (words 13 to 15) and makes block 0 (its first 32 bytes are the
     * Poly1305 key) together with as many of blocks 1 to 7 as a text of {@code length} bytes uses.
     *
     * @return the number of blocks made
     */
    private int start(byte[] nonce, int length) {
        for (int i = 0; i < 3; i++) {
            state[13 + i] = (int) INT_LE.get(nonce, 4 * i);
        }
        int blocks = Math.min(FIRST_BLOCKS, 1 + (length + BLOCK - 1) / BLOCK);
        keystream.generate(state, 0, blocks, firstBlocks, 0);
        return blocks;
    }

    /** XORs the text with blocks 1 on: those {@link #start} made, then the rest from block {@code made}. */
    private void encrypt(int made, byte[] text, int offset, int length) {
        int head = Math.min(length, (made - 1) * BLOCK);
        keystream.xorWith(text, offset, firstBlocks, BLOCK, head);
        if (head < length) {
            keystream.xor(state, made, 0, text, offset + head, length - head);
        }
    }

    /**
     * Poly1305 of {@code text || pad16 || le64(0) || le64(length)} (RFC 8439 section 2.8, no
     * associated data) under the 32-byte key at {@code keyBytes[keyOffset]}, into {@code out}.
     */
    private void poly1305(byte[] keyBytes, int keyOffset, byte[] text, int offset, int length, byte[] out, int outOffset) {
        mac.init(keyBytes, keyOffset);
        mac.update(text, offset, length);
        mac.update(ZEROS, 0, (16 - length % 16) % 16);
        for (int i = 0; i < 8; i++) {
            lengths[8 + i] = (byte) ((long) length >>> (8 * i));
        }
        mac.update(lengths, 0, 16);
        mac.doFinal(out, outOffset);
    }
}
