package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Our ChaCha20-Poly1305 (the JDK's ChaCha20 and our Poly1305) must be the JDK's ChaCha20-Poly1305, byte for byte. */
class ChaCha20Poly1305AeadTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] jdk(int mode, byte[] key, byte[] nonce, byte[] input) throws Exception {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        return c.doFinal(input);
    }

    @Test
    void matchesTheJdkForRandomKeysNoncesAndLengths() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        int[] lengths = {0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000, 16368, 16383};
        for (int round = 0; round < 400; round++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            int length = round < lengths.length ? lengths[round] : random.nextInt(16384);
            byte[] plaintext = new byte[length];
            random.nextBytes(plaintext);
            byte[] expected = jdk(Cipher.ENCRYPT_MODE, key, nonce, plaintext);

            byte[] sealed = new byte[length + 16 + 3];
            new ChaCha20Poly1305Aead(key).seal(nonce, plaintext, 0, length, sealed, 3);
            assertArrayEquals(expected, Arrays.copyOfRange(sealed, 3, 3 + length + 16), "length " + length);

            byte[] opened = new byte[length + 5];
            new ChaCha20Poly1305Aead(key).open(nonce, expected, 0, expected.length, opened, 5);
            assertArrayEquals(plaintext, Arrays.copyOfRange(opened, 5, 5 + length), "length " + length);
        }
    }

    @Test
    void rfc8439AeadTestVector() throws Exception {
        // RFC 8439 section 2.8.2 without its associated data is not in the RFC, so this checks the
        // JDK and ours agree on the RFC's key, nonce and plaintext.
        byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = HEX.parseHex("070000004041424344454647");
        byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
                + "sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = new byte[plaintext.length + 16];
        new ChaCha20Poly1305Aead(key).seal(nonce, plaintext, 0, plaintext.length, sealed, 0);
        assertArrayEquals(jdk(Cipher.ENCRYPT_MODE, key, nonce, plaintext), sealed);
        // The ciphertext part is the RFC's (it does not depend on the associated data).
        assertEquals("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6", HEX.formatHex(sealed, 0, 32));
    }

    @Test
    void refusesTampering() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        byte[] plaintext = new byte[40];
        byte[] sealed = new byte[56];
        new ChaCha20Poly1305Aead(key).seal(nonce, plaintext, 0, 40, sealed, 0);
        for (int bit = 0; bit < sealed.length * 8; bit += 7) {
            byte[] bad = sealed.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(AEADBadTagException.class, () -> new ChaCha20Poly1305Aead(key).open(nonce, bad, 0, bad.length, new byte[40], 0));
        }
    }
}
