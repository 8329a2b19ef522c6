package org.ptdispatcher.engine.transport.obfs4.ntor;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

import java.math.BigInteger;

/**
 * u-only scalar multiplication on Curve25519 (the ladder of RFC 7748, section 5) for any
 * non-negative scalar, unclamped: X25519 always clamps, which would hide the low-order part of
 * a point. The tests use it to look at that part of our session keys.
 */
final class MontgomeryLadder {
    private static final int A24 = 121665;

    private MontgomeryLadder() {
    }

    /** The u-coordinate of {@code scalar} times the point with u-coordinate {@code u} (32 bytes, little-endian). */
    static byte[] multiply(BigInteger scalar, byte[] u) {
        int[] x1 = X25519Field.create();
        X25519Field.decode(u, 0, x1);
        int[] x2 = X25519Field.create();
        X25519Field.one(x2);
        int[] z2 = X25519Field.create();
        int[] x3 = X25519Field.create();
        X25519Field.copy(x1, 0, x3, 0);
        int[] z3 = X25519Field.create();
        X25519Field.one(z3);

        int[] a = X25519Field.create();
        int[] aa = X25519Field.create();
        int[] b = X25519Field.create();
        int[] bb = X25519Field.create();
        int[] e = X25519Field.create();
        int[] c = X25519Field.create();
        int[] d = X25519Field.create();
        int[] da = X25519Field.create();
        int[] cb = X25519Field.create();
        int swap = 0;
        for (int t = scalar.bitLength() - 1; t >= 0; t--) {
            int bit = scalar.testBit(t) ? 1 : 0;
            swap ^= bit;
            X25519Field.cswap(swap, x2, x3);
            X25519Field.cswap(swap, z2, z3);
            swap = bit;

            X25519Field.add(x2, z2, a);
            X25519Field.sqr(a, aa);
            X25519Field.sub(x2, z2, b);
            X25519Field.sqr(b, bb);
            X25519Field.sub(aa, bb, e);
            X25519Field.carry(e);
            X25519Field.add(x3, z3, c);
            X25519Field.sub(x3, z3, d);
            X25519Field.mul(d, a, da);
            X25519Field.mul(c, b, cb);
            X25519Field.add(da, cb, x3);
            X25519Field.sqr(x3, x3);
            X25519Field.sub(da, cb, z3);
            X25519Field.sqr(z3, z3);
            X25519Field.mul(z3, x1, z3);
            X25519Field.mul(aa, bb, x2);
            X25519Field.mul(e, A24, z2);
            X25519Field.add(z2, aa, z2);
            X25519Field.mul(z2, e, z2);
        }
        X25519Field.cswap(swap, x2, x3);
        X25519Field.cswap(swap, z2, z3);

        int[] result = X25519Field.create();
        X25519Field.inv(z2, result);
        X25519Field.mul(result, x2, result);
        X25519Field.normalize(result);
        byte[] out = new byte[32];
        X25519Field.encode(result, out, 0);
        return out;
    }
}
