package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The length-field AES-GCM must be the JDK's AES/GCM/NoPadding, byte for byte. */
class GcmLengthBlockTest {
    private static byte[] jdkSeal(byte[] key, byte[] nonce, int length) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        return gcm.doFinal(new byte[] {(byte) (length >>> 8), (byte) length});
    }

    @Test
    void matchesTheJdkForRandomKeysNoncesAndLengths() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 2000; round++) {
            byte[] key = new byte[round % 2 == 0 ? 16 : 32];
            random.nextBytes(key);
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            int length = random.nextInt(0x10000);
            GcmLengthBlock fast = new GcmLengthBlock(key);
            byte[] sealed = new byte[18];
            fast.seal(nonce, length, sealed, 0);
            assertArrayEquals(jdkSeal(key, nonce, length), sealed, "round " + round);
            assertEquals(length, fast.open(nonce, sealed, 0));
        }
    }

    @Test
    void oneKeyManyNonces() throws Exception {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        GcmLengthBlock fast = new GcmLengthBlock(key);
        byte[] nonce = new byte[12];
        byte[] sealed = new byte[20];
        for (int counter = 0; counter < 300; counter++) {
            nonce[0] = (byte) counter;
            nonce[1] = (byte) (counter >>> 8);
            fast.seal(nonce, 0x3FF0, sealed, 2);
            assertArrayEquals(jdkSeal(key, nonce, 0x3FF0), java.util.Arrays.copyOfRange(sealed, 2, 20));
        }
    }

    @Test
    void refusesATamperedLengthOrTag() {
        byte[] key = new byte[16];
        byte[] nonce = new byte[12];
        GcmLengthBlock fast = new GcmLengthBlock(key);
        for (int bit = 0; bit < 18 * 8; bit++) {
            byte[] sealed = new byte[18];
            fast.seal(nonce, 1234, sealed, 0);
            sealed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(AEADBadTagException.class, () -> fast.open(nonce, sealed, 0), "bit " + bit);
        }
    }
}
