package org.ptdispatcher.engine.crypto;

import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Known answers from RFC 8439, and agreement with BouncyCastle's Poly1305 for random keys,
 * lengths and ways of splitting the message into updates. Random inputs come from a fixed seed
 * (override with {@code -Dpoly1305.seed=N}); every failure message names it.
 */
class Poly1305Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final long SEED = Long.getLong("poly1305.seed", 8439);

    /** The IETF "Note Well" text of RFC 8439 appendix A.3, vectors #2 and #3 (375 bytes). */
    private static final String IETF_TEXT = "Any submission to the IETF intended by the Contributor for publication as all or "
            + "part of an IETF Internet-Draft or RFC and any statement made within the context of an IETF activity is "
            + "considered an \"IETF Contribution\". Such statements include oral statements in IETF sessions, as well as "
            + "written and electronic communications made at any time or place, which are addressed to";
    private static final String JABBERWOCKY = "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\n"
            + "All mimsy were the borogoves,\nAnd the mome raths outgrabe.";

    @Test
    void rfc8439Section252() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        byte[] tag = new byte[16];
        Poly1305 poly1305 = new Poly1305();
        poly1305.init(key, 0);
        poly1305.update(message, 0, message.length);
        poly1305.doFinal(tag, 0);
        assertArrayEquals(HEX.parseHex("a8061dc1305136c6c22b8baf0c0127a9"), tag);
    }

    /** RFC 8439 appendix A.3: key, message, tag. Vectors #5 to #11 drive h to the edges of 2^130 - 5. */
    @Test
    void rfc8439AppendixA3() {
        String zeros32 = "00".repeat(32);
        String ietf = HEX.formatHex(IETF_TEXT.getBytes(StandardCharsets.US_ASCII));
        String[][] vectors = {
            {zeros32, "00".repeat(64), "00000000000000000000000000000000"},
            {"00".repeat(16) + "36e5f6b5c5e06070f0efca96227a863e", ietf, "36e5f6b5c5e06070f0efca96227a863e"},
            {"36e5f6b5c5e06070f0efca96227a863e" + "00".repeat(16), ietf, "f3477e7cd95417af89a6b8794c310cf0"},
            {"1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
                HEX.formatHex(JABBERWOCKY.getBytes(StandardCharsets.US_ASCII)), "4541669a7eaaee61e708dc7cbcc5eb62"},
            {"02" + "00".repeat(31), "ff".repeat(16), "03000000000000000000000000000000"},
            {"02" + "00".repeat(15) + "ff".repeat(16), "02" + "00".repeat(15), "03000000000000000000000000000000"},
            {"01" + "00".repeat(31), "ff".repeat(16) + "f0" + "ff".repeat(15) + "11" + "00".repeat(15),
                "05000000000000000000000000000000"},
            {"01" + "00".repeat(31), "ff".repeat(16) + "fb" + "fe".repeat(15) + "01".repeat(16),
                "00000000000000000000000000000000"},
            {"02" + "00".repeat(31), "fd" + "ff".repeat(15), "faffffffffffffffffffffffffffffff"},
            {"0100000000000000040000000000000000000000000000000000000000000000",
                "e33594d7505e43b900000000000000003394d7505e4379cd0100000000000000"
                    + "0000000000000000000000000000000001000000000000000000000000000000",
                "14000000000000005500000000000000"},
            {"0100000000000000040000000000000000000000000000000000000000000000",
                "e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000",
                "13000000000000000000000000000000"},
        };
        assertEquals(375, IETF_TEXT.length(), "the IETF text");
        for (int i = 0; i < vectors.length; i++) {
            byte[] key = HEX.parseHex(vectors[i][0]);
            byte[] message = HEX.parseHex(vectors[i][1]);
            byte[] expected = HEX.parseHex(vectors[i][2]);
            byte[] tag = new byte[16];
            Poly1305.mac(key, 0, message, 0, message.length, tag, 0);
            assertArrayEquals(expected, tag, "A.3 test vector #" + (i + 1));
            // the same, a byte at a time
            Poly1305 poly1305 = new Poly1305();
            poly1305.init(key, 0);
            for (int j = 0; j < message.length; j++) {
                poly1305.update(message, j, 1);
            }
            poly1305.doFinal(tag, 0);
            assertArrayEquals(expected, tag, "A.3 test vector #" + (i + 1) + ", byte by byte");
        }
    }

    @Test
    void matchesBouncyCastleForEveryLengthUpTo600AndSomeLonger() {
        Random random = new Random(SEED);
        Poly1305 ours = new Poly1305();
        for (int length = 0; length <= 600; length++) {
            for (int round = 0; round < 3; round++) {
                checkRandom(random, ours, length);
            }
        }
        for (int round = 0; round < 60; round++) {
            checkRandom(random, ours, 601 + random.nextInt(20000 - 600));
        }
        checkRandom(random, ours, 20000);
    }

    private static void checkRandom(Random random, Poly1305 ours, int length) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] message = new byte[length];
        random.nextBytes(message);
        check(random, ours, key, message, "seed " + SEED + ", length " + length);
    }

    /** Keys and messages at the extremes: r and s all ones or all zeros, h driven close to 2^130 - 5. */
    @Test
    void matchesBouncyCastleAtTheExtremes() {
        Random random = new Random(SEED);
        Poly1305 ours = new Poly1305();
        String[] keys = {
            "ff".repeat(32),
            "00".repeat(32),
            "ff".repeat(16) + "00".repeat(16),
            "00".repeat(16) + "ff".repeat(16),
            // r with only the bits clamping keeps, the largest r
            "ffffff0ffcffff0ffcffff0ffcffff0f" + "ff".repeat(16),
            // the smallest nonzero r
            "01" + "00".repeat(15) + "ff".repeat(16),
        };
        int[] lengths = {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1447, 1448, 1449, 16384, 20000};
        for (String hex : keys) {
            byte[] key = HEX.parseHex(hex);
            for (int length : lengths) {
                for (byte fill : new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01}) {
                    byte[] message = new byte[length];
                    Arrays.fill(message, fill);
                    check(random, ours, key, message, "seed " + SEED + ", key " + hex + ", " + length + " bytes of " + fill);
                }
            }
        }
    }

    /** Our tag, with the message in random pieces, and the one-shot tag must both be BouncyCastle's. */
    private static void check(Random random, Poly1305 ours, byte[] key, byte[] message, String what) {
        org.bouncycastle.crypto.macs.Poly1305 bc = new org.bouncycastle.crypto.macs.Poly1305();
        bc.init(new KeyParameter(key));
        bc.update(message, 0, message.length);
        byte[] expected = new byte[16];
        bc.doFinal(expected, 0);

        // The key, message and tag at random offsets in larger arrays.
        int keyAt = random.nextInt(8);
        byte[] keyBuffer = new byte[keyAt + 32 + random.nextInt(8)];
        System.arraycopy(key, 0, keyBuffer, keyAt, 32);
        int messageAt = random.nextInt(20);
        byte[] messageBuffer = new byte[messageAt + message.length + random.nextInt(20)];
        random.nextBytes(messageBuffer);
        System.arraycopy(message, 0, messageBuffer, messageAt, message.length);
        int tagAt = random.nextInt(8);
        byte[] tag = new byte[tagAt + 16 + random.nextInt(8)];

        ours.init(keyBuffer, keyAt);
        StringBuilder splits = new StringBuilder();
        int done = 0;
        while (done < message.length) {
            // Mostly short pieces, to cross block boundaries every way, sometimes all the rest.
            int piece = random.nextInt(4) == 0 ? message.length - done : random.nextInt(Math.min(message.length - done, 40) + 1);
            ours.update(messageBuffer, messageAt + done, piece);
            splits.append(piece).append(' ');
            done += piece;
        }
        ours.doFinal(tag, tagAt);
        assertArrayEquals(expected, Arrays.copyOfRange(tag, tagAt, tagAt + 16), what + ", updates of " + splits);

        Poly1305.mac(keyBuffer, keyAt, messageBuffer, messageAt, message.length, tag, tagAt);
        assertArrayEquals(expected, Arrays.copyOfRange(tag, tagAt, tagAt + 16), what + ", one-shot");
    }

    @Test
    void initStartsOverAfterDoFinal() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        byte[] tag = new byte[16];
        Poly1305 poly1305 = new Poly1305();
        poly1305.init(new byte[32], 0);
        poly1305.update(message, 0, 7); // an unfinished message and a partial block, then a new key
        poly1305.init(key, 0);
        poly1305.update(message, 0, message.length);
        poly1305.doFinal(tag, 0);
        assertArrayEquals(HEX.parseHex("a8061dc1305136c6c22b8baf0c0127a9"), tag);
        poly1305.init(key, 0);
        poly1305.update(message, 0, message.length);
        poly1305.doFinal(tag, 0);
        assertArrayEquals(HEX.parseHex("a8061dc1305136c6c22b8baf0c0127a9"), tag, "again after doFinal");
    }

    @Test
    void aKeyIsForOneMessage() {
        Poly1305 poly1305 = new Poly1305();
        byte[] tag = new byte[16];
        assertThrows(IllegalStateException.class, () -> poly1305.update(tag, 0, 16));
        poly1305.init(new byte[32], 0);
        poly1305.doFinal(tag, 0);
        assertThrows(IllegalStateException.class, () -> poly1305.doFinal(tag, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> poly1305.init(new byte[32], 1));
    }
}
