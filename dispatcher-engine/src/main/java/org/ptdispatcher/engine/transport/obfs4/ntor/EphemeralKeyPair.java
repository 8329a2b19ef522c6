package org.ptdispatcher.engine.transport.obfs4.ntor;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A session (ephemeral) Curve25519 key pair whose public key travels as an Elligator 2
 * representative, made the way obfs4proxy 0.0.12 and later make them.
 *
 * <p>A normal X25519 public key is always in the prime-order subgroup, and a censor can test
 * that on a decoded representative: about 7 in 8 random strings would fail it, real keys never
 * do. So the public key here is clamped-scalar x base point <em>plus a low-order point</em>
 * (one of the eight, chosen by the three low bits of the private key, which clamping ignores).
 * The peer's X25519 clamps its own scalar to a multiple of 8, which erases that low-order part:
 * the shared secret is the one the clean key would give.
 *
 * <p>The clean point comes from BouncyCastle's fixed-base multiplication; the low-order point is
 * added in Edwards coordinates (u = (1 + y) / (1 - y)), where the eight torsion points are
 * simple constants. Only u is known of the clean point, so its x is recovered up to sign: the
 * sum is P + T or -(P - T), which has the same u as P - T; both are uniform over the torsion
 * points, which is all that matters.
 */
public final class EphemeralKeyPair {
    /** Edwards25519 d = -121665/121666, little-endian. */
    private static final int[] D = field("a3785913ca4deb75abd841414d0a700098e879777940c78c73fe6f2bee6c0352");
    /** c x T8 for c = 0..7, T8 a point of order 8 (obfs4proxy's "lop" point), as (x, y), little-endian. */
    private static final int[][][] TORSION = {
            {field("0000000000000000000000000000000000000000000000000000000000000000"), field("0100000000000000000000000000000000000000000000000000000000000000")},
            {field("4ad145c54646a1de38e2e513703c195cbb4ade38329933e9284a3906a0b9d51f"), field("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")},
            {field("b0a00e4a271beec478e42fad0618432fa7d7fb3d99004d2b0bdfc14f8024832b"), field("0000000000000000000000000000000000000000000000000000000000000000")},
            {field("4ad145c54646a1de38e2e513703c195cbb4ade38329933e9284a3906a0b9d51f"), field("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")},
            {field("0000000000000000000000000000000000000000000000000000000000000000"), field("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")},
            {field("a32eba3ab9b95e21c71d1aec8fc3e6a344b521c7cd66cc16d7b5c6f95f462a60"), field("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")},
            {field("3d5ff1b5d8e4113b871bd052f9e7bcd0582804c266ffb2d4f4203eb07fdb7c54"), field("0000000000000000000000000000000000000000000000000000000000000000")},
            {field("a32eba3ab9b95e21c71d1aec8fc3e6a344b521c7cd66cc16d7b5c6f95f462a60"), field("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")},
    };

    private final byte[] privateKey;
    private final byte[] publicKey;
    private final byte[] representative;

    private EphemeralKeyPair(byte[] privateKey, byte[] publicKey, byte[] representative) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.representative = representative;
    }

    /** A fresh key pair that has a representative (about two tries on average). */
    public static EphemeralKeyPair generate(SecureRandom random) {
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
    public static EphemeralKeyPair fromPrivateKey(byte[] privateKey, int tweak) {
        byte[] publicKey = dirtyPublicKey(privateKey);
        byte[] representative = Elligator2.uToRepresentative(publicKey, tweak);
        return representative == null ? null : new EphemeralKeyPair(privateKey, publicKey, representative);
    }

    /** u(clamp(k) x B + T), T the torsion point chosen by the low three bits of k. */
    public static byte[] dirtyPublicKey(byte[] privateKey) {
        byte[] clean = new byte[32];
        X25519.scalarMultBase(privateKey, 0, clean, 0);
        int[][] torsion = TORSION[privateKey[0] & 7];
        if ((privateKey[0] & 7) == 0) {
            return clean;
        }
        int[] u = X25519Field.create();
        X25519Field.decode(clean, 0, u);
        int[] one = X25519Field.create();
        X25519Field.one(one);

        // Kept as fractions, so the whole sum costs one inversion (at the end) instead of three.
        // y1 = (u - 1) / (u + 1) = y / z
        int[] y = X25519Field.create();
        int[] z = X25519Field.create();
        X25519Field.sub(u, one, y);
        X25519Field.add(u, one, z);

        // x1 = sqrt((y1^2 - 1) / (d y1^2 + 1)) = sqrt((y^2 - z^2) / (d y^2 + z^2)), either root
        // (scaling both by z^2 gives sqrtRatioVar the same root it gives the affine ratio)
        int[] ySquared = X25519Field.create();
        int[] zSquared = X25519Field.create();
        int[] numerator = X25519Field.create();
        int[] denominator = X25519Field.create();
        X25519Field.sqr(y, ySquared);
        X25519Field.sqr(z, zSquared);
        X25519Field.sub(ySquared, zSquared, numerator);
        X25519Field.mul(ySquared, D, denominator);
        X25519Field.add(denominator, zSquared, denominator);
        X25519Field.normalize(numerator);
        X25519Field.normalize(denominator);
        int[] x1 = X25519Field.create();
        if (!X25519Field.sqrtRatioVar(numerator, denominator, x1)) {
            throw new IllegalStateException("a multiple of the base point is always on the curve");
        }

        // y3 = (y1 y2 + x1 x2) / (1 - d x1 x2 y1 y2) = (y y2 + x1 x2 z) / (z - d x1 x2 y2 y) = n / m
        int[] yy = X25519Field.create();
        int[] xx = X25519Field.create();
        X25519Field.mul(y, torsion[1], yy);
        X25519Field.mul(x1, torsion[0], xx);
        int[] n = X25519Field.create();
        int[] m = X25519Field.create();
        X25519Field.mul(xx, z, n);
        X25519Field.add(yy, n, n);
        X25519Field.mul(xx, yy, m);
        X25519Field.mul(m, D, m);
        X25519Field.sub(z, m, m);

        // u3 = (1 + y3) / (1 - y3) = (m + n) / (m - n)
        X25519Field.add(m, n, numerator);
        X25519Field.sub(m, n, denominator);
        X25519Field.normalize(numerator);
        X25519Field.normalize(denominator);
        int[] u3 = X25519Field.create();
        X25519Field.inv(denominator, u3);
        X25519Field.mul(u3, numerator, u3);
        X25519Field.normalize(u3);
        byte[] out = new byte[32];
        X25519Field.encode(u3, out, 0);
        return out;
    }

    public byte[] privateKey() {
        return privateKey;
    }

    public byte[] publicKey() {
        return publicKey;
    }

    public byte[] representative() {
        return representative;
    }

    private static int[] field(String littleEndianHex) {
        int[] f = X25519Field.create();
        X25519Field.decode(HexFormat.of().parseHex(littleEndianHex), 0, f);
        return f;
    }
}
