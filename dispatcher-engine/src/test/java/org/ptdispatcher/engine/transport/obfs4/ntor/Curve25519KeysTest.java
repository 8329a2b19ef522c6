package org.ptdispatcher.engine.transport.obfs4.ntor;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ladder, the dirty session keys and Elligator 2, checked against BouncyCastle's X25519 and against each other. */
class Curve25519KeysTest {
    private static final byte[] BASE_POINT = new byte[32];
    /** The order of the prime subgroup of Curve25519. */
    private static final BigInteger GROUP_ORDER = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    static {
        BASE_POINT[0] = 9;
    }

    @Test
    void ladderAgreesWithX25519ForClampedScalars() {
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            X25519.clampPrivateKey(k);
            byte[] expected = new byte[32];
            X25519.scalarMultBase(k, 0, expected, 0);
            assertArrayEquals(expected, MontgomeryLadder.multiply(new BigInteger(1, reverse(k)), BASE_POINT));
        }
    }

    @Test
    void rfc7748TestVector() {
        // RFC 7748 section 5.2, first vector.
        byte[] scalar = HexFormat.of().parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        byte[] u = HexFormat.of().parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
        byte[] expected = HexFormat.of().parseHex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        X25519.clampPrivateKey(scalar);
        u[31] &= 0x7f;
        assertArrayEquals(expected, MontgomeryLadder.multiply(new BigInteger(1, reverse(scalar)), u));
    }

    @Test
    void dirtyPublicKeysGiveTheSameSharedSecretAsCleanOnesAndCoverTheLowOrderComponents() {
        SecureRandom random = new SecureRandom();
        byte[] peer = new byte[32];
        random.nextBytes(peer);
        for (int i = 0; i < 64; i++) {
            byte[] privateKey = new byte[32];
            random.nextBytes(privateKey);
            byte[] dirty = EphemeralKeyPair.dirtyPublicKey(privateKey);
            byte[] clean = new byte[32];
            X25519.scalarMultBase(privateKey, 0, clean, 0);
            byte[] viaDirty = new byte[32];
            byte[] viaClean = new byte[32];
            X25519.scalarMult(peer, 0, dirty, 0, viaDirty, 0);
            X25519.scalarMult(peer, 0, clean, 0, viaClean, 0);
            assertArrayEquals(viaClean, viaDirty);
            // l * (public point) is c * L8 with c the three low bits (l^2 = 1 mod 8). On the u-line,
            // u = 0 for the identity and for the point of order 2: c = 0 or 4.
            byte[] lowOrder = MontgomeryLadder.multiply(GROUP_ORDER, dirty);
            boolean uIsZero = java.util.Arrays.equals(lowOrder, new byte[32]);
            assertEquals((privateKey[0] & 3) == 0, uIsZero, "low-order component follows the private key's low bits");
        }
    }

    @Test
    void representativesMapBackToTheirPublicKeys() {
        SecureRandom random = new SecureRandom();
        int withRepresentative = 0;
        for (int i = 0; i < 200; i++) {
            byte[] privateKey = new byte[32];
            random.nextBytes(privateKey);
            EphemeralKeyPair pair = EphemeralKeyPair.fromPrivateKey(privateKey, random.nextInt(256));
            if (pair == null) {
                continue;
            }
            withRepresentative++;
            assertArrayEquals(pair.publicKey(), Elligator2.representativeToU(pair.representative()));
        }
        // About half of all keys have a representative.
        assertTrue(withRepresentative > 60 && withRepresentative < 140, "keys with a representative: " + withRepresentative);
    }

    @Test
    void topBitsOfRepresentativesAreRandomAndIgnored() {
        SecureRandom random = new SecureRandom();
        EphemeralKeyPair pair = EphemeralKeyPair.generate(random);
        int seenTopBits = 0;
        for (int tweak = 0; tweak < 256; tweak += 0x40) {
            EphemeralKeyPair same = EphemeralKeyPair.fromPrivateKey(pair.privateKey(), tweak | 1);
            if (same == null) {
                same = EphemeralKeyPair.fromPrivateKey(pair.privateKey(), tweak);
            }
            assertNotNull(same);
            seenTopBits |= 1 << ((same.representative()[31] & 0xc0) >>> 6);
            assertArrayEquals(pair.publicKey(), Elligator2.representativeToU(same.representative()));
        }
        assertEquals(0b1111, seenTopBits);
    }

    @Test
    void anyRepresentativeDecodesToAPointOnTheCurveOrTwistThatX25519Accepts() {
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            byte[] r = new byte[32];
            random.nextBytes(r);
            byte[] u = Elligator2.representativeToU(r);
            assertEquals(32, u.length);
            assertTrue((u[31] & 0x80) == 0, "canonical encoding");
        }
    }

    private static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }
}
