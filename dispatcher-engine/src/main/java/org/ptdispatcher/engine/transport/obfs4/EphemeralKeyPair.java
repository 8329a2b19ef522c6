package org.ptdispatcher.engine.transport.obfs4;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A session (ephemeral) Curve25519 key pair whose public key travels as an Elligator 2
 * representative, made the way obfs4proxy 0.0.12 and later make them.
 *
 * <p>A normal X25519 public key is always in the prime-order subgroup, and a censor can test
 * that on a decoded representative: about 7 in 8 random strings would fail it, real keys never
 * do. So the public key here is clamped-scalar x base point <em>plus a random low-order point</em>
 * (chosen by the three low bits of the private key, which clamping ignores). The peer's X25519
 * clamps its own scalar to a multiple of 8, which erases that low-order component: the shared
 * secret is the one a clean key would give.
 *
 * <p>It is computed as u(k x G) with G = B + L8 (B the base point, L8 a point of order 8) and
 * k = clamp(private) + l x (private[0] &amp; 7), l the prime group order: k x G = clamp(private) x B +
 * ((l x c) mod 8) x L8, and l is odd, so every low-order component is reached.
 */
final class EphemeralKeyPair {
    /** u(B + L8): the base point plus a point of order 8 (derived once with affine arithmetic; checked by the unit tests). */
    static final byte[] DIRTY_BASE_POINT = HexFormat.of().parseHex("d8861aa2787ad9268b7474b682e3bec3ce369a1e5e3147a26d377cfd20b5df75");
    /** The order of the prime subgroup of Curve25519. */
    static final BigInteger GROUP_ORDER = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    private final byte[] privateKey;
    private final byte[] publicKey;
    private final byte[] representative;

    private EphemeralKeyPair(byte[] privateKey, byte[] publicKey, byte[] representative) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.representative = representative;
    }

    /** A fresh key pair that has a representative (about two tries on average). */
    static EphemeralKeyPair generate(SecureRandom random) {
        byte[] privateKey = new byte[32];
        while (true) {
            random.nextBytes(privateKey);
            int tweak = random.nextInt(256);
            EphemeralKeyPair pair = fromPrivateKey(privateKey.clone(), tweak);
            if (pair != null) {
                return pair;
            }
        }
    }

    /** The key pair for this private key and tweak byte, or null if its public key has no representative. */
    static EphemeralKeyPair fromPrivateKey(byte[] privateKey, int tweak) {
        byte[] publicKey = dirtyPublicKey(privateKey);
        byte[] representative = Elligator2.uToRepresentative(publicKey, tweak);
        return representative == null ? null : new EphemeralKeyPair(privateKey, publicKey, representative);
    }

    static byte[] dirtyPublicKey(byte[] privateKey) {
        byte[] clamped = privateKey.clone();
        clamped[0] &= (byte) 248;
        clamped[31] &= 127;
        clamped[31] |= 64;
        BigInteger scalar = new BigInteger(1, reverse(clamped))
                .add(GROUP_ORDER.multiply(BigInteger.valueOf(privateKey[0] & 7)));
        return MontgomeryLadder.multiply(scalar, DIRTY_BASE_POINT);
    }

    byte[] privateKey() {
        return privateKey;
    }

    byte[] publicKey() {
        return publicKey;
    }

    byte[] representative() {
        return representative;
    }

    private static byte[] reverse(byte[] littleEndian) {
        byte[] out = new byte[littleEndian.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return out;
    }
}
