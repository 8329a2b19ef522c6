package org.ptdispatcher.engine.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KeystreamTest {
    private static final long SEED = 0x5a17a20L;

    /** The tests run with jdk.incubator.vector (see the parent pom), so on an AVX2 machine the SIMD path is the one used. */
    @Test
    void theFactoriesPickTheVectorCoresWhereTheHardwareHasThem() {
        boolean expected = VectorKeystream.hardwareSupported();
        assertEquals(expected, Keystream.salsa20().vectorized());
        assertEquals(expected, Keystream.chacha20().vectorized());
    }

    @Test
    void vectorSalsa20MatchesTheScalarCoreForEveryBatchShape() {
        compareWithScalar(Keystream.Core.SALSA20, new VectorSalsa20());
    }

    @Test
    void vectorChaCha20MatchesTheScalarCoreForEveryBatchShape() {
        compareWithScalar(Keystream.Core.CHACHA20, new VectorChaCha20());
    }

    private static void compareWithScalar(Keystream.Core core, Keystream vector) {
        Random random = new Random(SEED);
        ScalarKeystream scalar = new ScalarKeystream(core);
        // Salsa20's 64-bit counter: batches that straddle the low word's wrap carry into the high word.
        long[] firstBlocks = {0, 1, 7, 0xfffffffcL, 0x1_0000_0000L - 1, 123_456_789_012L};
        for (int blocks = 1; blocks <= 26; blocks++) {
            for (long first : firstBlocks) {
                if (core == Keystream.Core.CHACHA20 && first + blocks > 0xffffffffL) {
                    continue; // RFC 8439's counter is 32 bits: a stream never gets there
                }
                int[] input = random.ints(16).toArray();
                byte[] expected = new byte[blocks * 64 + 7];
                byte[] actual = new byte[blocks * 64 + 7];
                scalar.generate(input, first, blocks, expected, 3);
                vector.generate(input, first, blocks, actual, 3);
                assertArrayEquals(expected, actual, core + " blocks=" + blocks + " first=" + first + " seed=" + SEED);
            }
        }
    }

    /** RFC 8439 section 2.4.2: the keystream XOR, from block 1 on. */
    @Test
    void chaCha20EncryptsRfc8439Section242() {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = HexFormat.of().parseHex("000000000000004a00000000");
        byte[] text = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
                + "sunscreen would be it.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String expected = "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d";
        for (Keystream keystream : new Keystream[] {new ScalarKeystream(Keystream.Core.CHACHA20), new VectorChaCha20()}) {
            byte[] data = text.clone();
            keystream.xor(chachaInput(key, nonce), 1, 0, data, 0, data.length);
            assertEquals(expected, HexFormat.of().formatHex(data), keystream.getClass().getSimpleName());
        }
    }

    /** xor() from any block and byte position, over any length, equals the JDK's ChaCha20 over the same stretch. */
    @Test
    void chaCha20XorMatchesTheJdkFromAnyPosition() throws Exception {
        Random random = new Random(SEED);
        for (int trial = 0; trial < 200; trial++) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            random.nextBytes(key);
            random.nextBytes(nonce);
            int firstBlock = random.nextInt(5);
            int skip = random.nextInt(64);
            int length = random.nextInt(trial < 100 ? 130 : 3000);
            byte[] data = new byte[length];
            random.nextBytes(data);

            Cipher jdk = Cipher.getInstance("ChaCha20");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, firstBlock));
            byte[] padded = new byte[skip + length];
            System.arraycopy(data, 0, padded, skip, length);
            byte[] expected = Arrays.copyOfRange(jdk.doFinal(padded), skip, skip + length);

            for (Keystream keystream : new Keystream[] {new ScalarKeystream(Keystream.Core.CHACHA20), new VectorChaCha20()}) {
                byte[] actual = data.clone();
                keystream.xor(chachaInput(key, nonce), firstBlock, skip, actual, 0, length);
                assertArrayEquals(expected, actual, keystream.getClass().getSimpleName() + " trial " + trial + " seed=" + SEED);
            }
        }
    }

    private static int[] chachaInput(byte[] key, byte[] nonce) {
        int[] input = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < 8; i++) {
            input[4 + i] = (int) Keystream.INT_LE.get(key, 4 * i);
        }
        for (int i = 0; i < 3; i++) {
            input[13 + i] = (int) Keystream.INT_LE.get(nonce, 4 * i);
        }
        return input;
    }
}
