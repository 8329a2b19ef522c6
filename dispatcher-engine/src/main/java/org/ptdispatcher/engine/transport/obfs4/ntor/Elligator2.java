package org.ptdispatcher.engine.transport.obfs4.ntor;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * The Elligator 2 map between Curve25519 Montgomery u-coordinates and 32-byte strings that look
 * uniformly random ("representatives"), in the form obfs4proxy 0.0.12 and later use:
 *
 * <ul>
 *   <li>Decoding ignores the two top bits of the representative (senders fill them with random
 *   bits) and maps r to u with the standard map: w = -A / (1 + 2r²); u = w if w³ + Aw² + w is a
 *   square, else u = -w - A.</li>
 *   <li>Encoding picks one of the two preimages of u with a random tweak bit, takes the root whose
 *   double is even (so r ≤ (p-1)/2 fits in 254 bits), and puts two more random tweak bits on top.
 *   About half of all u have no preimage: the caller makes another key.</li>
 * </ul>
 *
 * Field arithmetic is BouncyCastle's {@link X25519Field}. The square-root test is variable-time:
 * it runs on ephemeral public values only.
 */
public final class Elligator2 {
    /** The Montgomery curve coefficient A of Curve25519. */
    private static final int A = 486662;

    private Elligator2() {
    }

    /** The u-coordinate (little-endian, 32 bytes) that {@code representative} stands for. */
    public static byte[] representativeToU(byte[] representative) {
        byte[] clamped = representative.clone();
        clamped[31] &= 0x3f;
        int[] r = X25519Field.create();
        X25519Field.decode(clamped, 0, r);

        // w = -A / (1 + 2 r^2)
        int[] denominator = X25519Field.create();
        X25519Field.sqr(r, denominator);
        X25519Field.mul(denominator, 2, denominator);
        X25519Field.addOne(denominator);
        X25519Field.normalize(denominator);
        int[] w = X25519Field.create();
        X25519Field.inv(denominator, w);
        X25519Field.mul(w, A, w);
        X25519Field.negate(w, w);
        X25519Field.normalize(w);

        // e = w^3 + A w^2 + w = w (w (w + A) + 1)
        int[] e = X25519Field.create();
        int[] wPlusA = constant(A);
        X25519Field.add(w, wPlusA, wPlusA);
        X25519Field.mul(wPlusA, w, e);
        X25519Field.addOne(e);
        X25519Field.mul(e, w, e);
        X25519Field.normalize(e);

        int[] root = X25519Field.create();
        int[] one = X25519Field.create();
        X25519Field.one(one);
        boolean square = X25519Field.isZeroVar(e) || X25519Field.sqrtRatioVar(e, one, root);
        int[] u = X25519Field.create();
        if (square) {
            X25519Field.copy(w, 0, u, 0);
        } else {
            // u = -w - A
            X25519Field.negate(w, u);
            X25519Field.sub(u, constant(A), u);
        }
        X25519Field.normalize(u);
        byte[] out = new byte[32];
        X25519Field.encode(u, out, 0);
        return out;
    }

    /**
     * A representative of {@code u}, or null if u has none. {@code tweak} is a random byte: bit 0
     * picks the preimage, bits 6 and 7 fill the top of the representative.
     */
    public static byte[] uToRepresentative(byte[] uBytes, int tweak) {
        int[] u = X25519Field.create();
        X25519Field.decode(uBytes, 0, u);
        X25519Field.normalize(u);
        if (X25519Field.isZeroVar(u)) {
            return null;
        }
        int[] uPlusA = constant(A);
        X25519Field.add(u, uPlusA, uPlusA);
        X25519Field.normalize(uPlusA);

        // t = -2 u (u + A); a preimage exists iff t is a non-zero square.
        int[] t = X25519Field.create();
        X25519Field.mul(u, uPlusA, t);
        X25519Field.mul(t, 2, t);
        X25519Field.negate(t, t);
        X25519Field.normalize(t);
        int[] one = X25519Field.create();
        X25519Field.one(one);
        int[] inverseRoot = X25519Field.create();
        if (X25519Field.isZeroVar(t) || !X25519Field.sqrtRatioVar(one, t, inverseRoot)) {
            return null;
        }
        // r = (u or u + A) / sqrt(-2 u (u + A))
        int[] r = X25519Field.create();
        X25519Field.mul((tweak & 1) == 1 ? uPlusA : u, inverseRoot, r);
        X25519Field.normalize(r);

        // Of r and -r, keep the one whose double is even: it is at most (p - 1) / 2.
        int[] doubled = X25519Field.create();
        X25519Field.mul(r, 2, doubled);
        X25519Field.normalize(doubled);
        byte[] doubledBytes = new byte[32];
        X25519Field.encode(doubled, doubledBytes, 0);
        if ((doubledBytes[0] & 1) == 1) {
            X25519Field.negate(r, r);
            X25519Field.normalize(r);
        }
        byte[] representative = new byte[32];
        X25519Field.encode(r, representative, 0);
        representative[31] |= (byte) (tweak & 0xc0);
        return representative;
    }

    /** A small non-negative constant (below 2^25, so it fits the lowest limb). */
    private static int[] constant(int value) {
        int[] c = X25519Field.create();
        c[0] = value;
        return c;
    }
}
