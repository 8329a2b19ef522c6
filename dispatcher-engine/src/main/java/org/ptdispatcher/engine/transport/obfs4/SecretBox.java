package org.ptdispatcher.engine.transport.obfs4;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * NaCl's {@code crypto_secretbox_xsalsa20poly1305} for one direction of an obfs4 connection,
 * where the 24-byte nonce is a fixed 16-byte prefix and an 8-byte big-endian frame counter.
 *
 * <p>XSalsa20 first derives a subkey with HSalsa20 from the key and the first 16 nonce bytes,
 * then runs Salsa20 with that subkey and the last 8. The prefix never changes on a connection,
 * so the subkey is computed once here, and each frame costs only its Salsa20 blocks and its
 * Poly1305. The Salsa20 core and Poly1305 are BouncyCastle's.
 *
 * <p>Sealed layout: 16-byte Poly1305 tag, then the ciphertext. Not thread-safe: one per direction.
 */
final class SecretBox {
    static final int TAG_LENGTH = 16;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private final int[] state = new int[16];
    private final int[] block = new int[16];
    private final byte[] polyKey = new byte[32];
    private final byte[] firstBlock = new byte[64];
    private final Poly1305 poly1305 = new Poly1305();
    private final byte[] expectedTag = new byte[TAG_LENGTH];

    /**
     * @param key         the 32-byte secretbox key
     * @param noncePrefix the first 16 bytes of every nonce
     */
    SecretBox(byte[] key, byte[] noncePrefix) {
        int[] subkey = hsalsa20(key, noncePrefix);
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            state[1 + i] = subkey[i];
            state[11 + i] = subkey[4 + i];
        }
    }

    /**
     * Encrypts {@code data[offset, offset + length)} in place and writes the tag to
     * {@code tag[tagOffset, tagOffset + 16)}.
     */
    void seal(long counter, byte[] data, int offset, int length, byte[] tag, int tagOffset) {
        startFrame(counter);
        xorKeyStream(data, offset, length);
        poly1305.init(new KeyParameter(polyKey));
        poly1305.update(data, offset, length);
        poly1305.doFinal(tag, tagOffset);
    }

    /**
     * Checks the tag at {@code box[offset, offset + 16)} over the ciphertext that follows it
     * ({@code boxLength - 16} bytes) and, if it matches, decrypts the ciphertext in place.
     *
     * @return false (and nothing decrypted) if the tag does not match
     */
    boolean open(long counter, byte[] box, int offset, int boxLength) {
        startFrame(counter);
        int dataOffset = offset + TAG_LENGTH;
        int dataLength = boxLength - TAG_LENGTH;
        poly1305.init(new KeyParameter(polyKey));
        poly1305.update(box, dataOffset, dataLength);
        poly1305.doFinal(expectedTag, 0);
        // Constant time, like MessageDigest.isEqual.
        int difference = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            difference |= expectedTag[i] ^ box[offset + i];
        }
        if (difference != 0) {
            return false;
        }
        xorKeyStream(box, dataOffset, dataLength);
        return true;
    }

    /**
     * Sets the nonce's counter half and computes Salsa20 block 0: its first 32 bytes are the
     * Poly1305 key, the other 32 encrypt the first 32 bytes of the message.
     */
    private void startFrame(long counter) {
        // The 8 nonce bytes are the counter in big-endian order; Salsa20 reads them as two little-endian words.
        long nonce = Long.reverseBytes(counter);
        state[6] = (int) nonce;
        state[7] = (int) (nonce >>> 32);
        state[8] = 0;
        state[9] = 0;
        Salsa20Engine.salsaCore(20, state, block);
        for (int i = 0; i < 16; i++) {
            INT_LE.set(firstBlock, i * 4, block[i]);
        }
        System.arraycopy(firstBlock, 0, polyKey, 0, 32);
    }

    private void xorKeyStream(byte[] data, int offset, int length) {
        int head = Math.min(32, length);
        for (int i = 0; i < head; i++) {
            data[offset + i] ^= firstBlock[32 + i];
        }
        int at = offset + head;
        int end = offset + length;
        long blockCounter = 1;
        while (at < end) {
            state[8] = (int) blockCounter;
            state[9] = (int) (blockCounter >>> 32);
            blockCounter++;
            Salsa20Engine.salsaCore(20, state, block);
            if (end - at >= 64) {
                for (int i = 0; i < 16; i++) {
                    int p = at + i * 4;
                    INT_LE.set(data, p, (int) INT_LE.get(data, p) ^ block[i]);
                }
                at += 64;
            } else {
                for (int i = 0; at < end; i++) {
                    int word = block[i >> 2];
                    data[at++] ^= (byte) (word >>> (8 * (i & 3)));
                }
            }
        }
    }

    /** HSalsa20: the Salsa20 rounds on (key, 16-byte input) without the final addition, words 0, 5, 10, 15, 6, 7, 8, 9. */
    static int[] hsalsa20(byte[] key, byte[] input) {
        int[] in = new int[16];
        in[0] = SIGMA[0];
        in[5] = SIGMA[1];
        in[10] = SIGMA[2];
        in[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            in[1 + i] = (int) INT_LE.get(key, i * 4);
            in[11 + i] = (int) INT_LE.get(key, 16 + i * 4);
            in[6 + i] = (int) INT_LE.get(input, i * 4);
        }
        int[] out = new int[16];
        Salsa20Engine.salsaCore(20, in, out);
        // salsaCore adds the input back at the end; HSalsa20 wants the words before that.
        int[] words = {0, 5, 10, 15, 6, 7, 8, 9};
        int[] subkey = new int[8];
        for (int i = 0; i < 8; i++) {
            subkey[i] = out[words[i]] - in[words[i]];
        }
        return subkey;
    }
}
