package org.ptdispatcher.engine.transport.obfs4.framing;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.ptdispatcher.engine.crypto.Keystream;
import org.ptdispatcher.engine.crypto.Poly1305;

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
 * Poly1305. A frame's blocks (at most 24) are made in one go by {@link Keystream}, eight at a
 * time where the processor allows; Poly1305 is {@link Poly1305}'s 64-bit limbs.
 *
 * <p>Sealed layout: 16-byte Poly1305 tag, then the ciphertext. Not thread-safe: one per direction.
 */
public final class SecretBox {
    static final int TAG_LENGTH = 16;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    /** Block 0's first 32 bytes are the Poly1305 key; the message is XORed with what follows. */
    private static final int POLY_KEY_LENGTH = 32;

    private final int[] state = new int[16];
    private final Keystream keystream = Keystream.salsa20();
    private byte[] stream = new byte[64 * 24];
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
        startFrame(counter, length);
        keystream.xorWith(data, offset, stream, POLY_KEY_LENGTH, length);
        poly1305.init(stream, 0);
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
        int dataOffset = offset + TAG_LENGTH;
        int dataLength = boxLength - TAG_LENGTH;
        startFrame(counter, dataLength);
        poly1305.init(stream, 0);
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
        keystream.xorWith(box, dataOffset, stream, POLY_KEY_LENGTH, dataLength);
        return true;
    }

    /**
     * Sets the nonce's counter half and makes the frame's keystream, from block 0: its first 32
     * bytes are the Poly1305 key, the rest encrypt the message.
     */
    private void startFrame(long counter, int length) {
        // The 8 nonce bytes are the counter in big-endian order; Salsa20 reads them as two little-endian words.
        long nonce = Long.reverseBytes(counter);
        state[6] = (int) nonce;
        state[7] = (int) (nonce >>> 32);
        int blocks = (POLY_KEY_LENGTH + length + 63) / 64;
        if (stream.length < blocks * 64) {
            stream = new byte[blocks * 64];
        }
        keystream.generate(state, 0, blocks, stream, 0);
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
