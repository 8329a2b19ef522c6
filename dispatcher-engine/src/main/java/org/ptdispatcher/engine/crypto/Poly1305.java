package org.ptdispatcher.engine.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Poly1305 (RFC 8439 section 2.5), the one-time authenticator of NaCl's secretbox and of
 * ChaCha20-Poly1305, in 64-bit limbs.
 *
 * <p>The accumulator h and the key half r are numbers below 2^130 in radix 2^64: h = h0 + h1 2^64
 * + h2 2^128 (h2 a few bits), r = r0 + r1 2^64. Each 16-byte block is two little-endian longs
 * added to h, then h is multiplied by r modulo p = 2^130 - 5. {@link Math#multiplyHigh} (an
 * intrinsic) gives the high halves of the 64x64-bit products, so a block costs four full
 * products and two small ones, against 25 in the 26-bit "donna" layout BouncyCastle uses; it
 * runs about twice as fast (dispatcher-bench's Poly1305Benchmark).
 *
 * <p>Incremental like BouncyCastle's {@code Poly1305}: {@link #init}, any number of
 * {@link #update}s (any split of the message gives the same tag), {@link #doFinal}; then
 * {@link #init} again with the next one-time key. Whole blocks are read straight from the
 * caller's array; only a partial block waits in a 16-byte buffer. No allocation after
 * construction. Constant time: no branch or index depends on the key or the message. Not
 * thread-safe.
 */
public final class Poly1305 {
    public static final int KEY_LENGTH = 32;
    public static final int TAG_LENGTH = 16;
    private static final int BLOCK = 16;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<Poly1305> PER_THREAD = ThreadLocal.withInitial(Poly1305::new);

    /** r, clamped, and s1 = r1 + r1 / 4 (the multiplier of h1 r1 2^128, see {@link #blocks}). */
    private long r0;
    private long r1;
    private long s1;
    /** s, the key's second half, added to h at the end. */
    private long k0;
    private long k1;
    private long h0;
    private long h1;
    private long h2;
    private final byte[] partial = new byte[BLOCK];
    private int partialLength;
    private boolean keyed;

    /** Takes the 32-byte one-time key {@code key[keyOffset, keyOffset + 32)}: r, then s. */
    public void init(byte[] key, int keyOffset) {
        Objects.checkFromIndexSize(keyOffset, KEY_LENGTH, key.length);
        // RFC 8439 clamping: the top four bits of each 32-bit word of r and the low two bits of
        // its upper three words are zero. So r0, r1 < 2^60 and r1 is a multiple of 4.
        r0 = (long) LONG_LE.get(key, keyOffset) & 0x0ffffffc0fffffffL;
        r1 = (long) LONG_LE.get(key, keyOffset + 8) & 0x0ffffffc0ffffffcL;
        s1 = r1 + (r1 >>> 2);
        k0 = (long) LONG_LE.get(key, keyOffset + 16);
        k1 = (long) LONG_LE.get(key, keyOffset + 24);
        h0 = 0;
        h1 = 0;
        h2 = 0;
        partialLength = 0;
        keyed = true;
    }

    /** Adds {@code in[offset, offset + length)} to the message. */
    public void update(byte[] in, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, in.length);
        if (!keyed) {
            throw new IllegalStateException("Poly1305 needs init with a new key");
        }
        if (partialLength > 0) {
            int n = Math.min(BLOCK - partialLength, length);
            System.arraycopy(in, offset, partial, partialLength, n);
            partialLength += n;
            offset += n;
            length -= n;
            if (partialLength < BLOCK) {
                return;
            }
            blocks(partial, 0, 1, 1);
            partialLength = 0;
        }
        int whole = length & -BLOCK;
        if (whole > 0) {
            blocks(in, offset, whole / BLOCK, 1);
        }
        partialLength = length - whole;
        System.arraycopy(in, offset + whole, partial, 0, partialLength);
    }

    /** Writes the 16-byte tag to {@code out[outOffset, outOffset + 16)} and forgets the key. */
    public void doFinal(byte[] out, int outOffset) {
        Objects.checkFromIndexSize(outOffset, TAG_LENGTH, out.length);
        if (!keyed) {
            throw new IllegalStateException("Poly1305 needs init with a new key");
        }
        if (partialLength > 0) {
            // A short last block gets its 1 byte right after the message, not at 2^128.
            partial[partialLength] = 1;
            Arrays.fill(partial, partialLength + 1, BLOCK, (byte) 0);
            blocks(partial, 0, 1, 0);
        }
        long h0 = this.h0;
        long h1 = this.h1;
        long h2 = this.h2;
        // h2 <= 6: fold the bits from 2^130 once more, as in blocks. Then h < 2p: h2 reaches 4
        // only through a carry that leaves h1 = 0 and h0 < 5.
        long q5 = (h2 & ~3L) + (h2 >>> 2);
        long t = h0 + q5;
        long c = carry(h0, q5, t);
        h0 = t;
        t = h1 + c;
        h2 = (h2 & 3) + smallCarry(h1, t);
        h1 = t;
        // h mod p is h or h - p. g = h + 5 reaches 2^130 exactly when h >= p, and then its low
        // 130 bits are h - p. Choose with a mask, not a branch.
        long g0 = h0 + 5;
        c = carry(h0, 5, g0);
        long g1 = h1 + c;
        c = carry(h1, c, g1);
        long g2 = h2 + c;
        long useG = -(g2 >>> 2);
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        // tag = (h + s) mod 2^128
        long t0 = h0 + k0;
        long t1 = h1 + k1 + carry(h0, k0, t0);
        LONG_LE.set(out, outOffset, t0);
        LONG_LE.set(out, outOffset + 8, t1);
        reset();
    }

    /**
     * Writes the tag of {@code msg[offset, offset + length)} under the 32-byte one-time key at
     * {@code key[keyOffset]} to {@code out[outOffset, outOffset + 16)}. Uses an instance kept per
     * thread, so it allocates nothing either.
     */
    public static void mac(byte[] key, int keyOffset, byte[] msg, int offset, int length, byte[] out, int outOffset) {
        // Checked before init, so that a bad call leaves no key behind in the thread's instance.
        Objects.checkFromIndexSize(offset, length, msg.length);
        Objects.checkFromIndexSize(outOffset, TAG_LENGTH, out.length);
        Poly1305 poly1305 = PER_THREAD.get();
        poly1305.init(key, keyOffset);
        poly1305.update(msg, offset, length);
        poly1305.doFinal(out, outOffset);
    }

    private void reset() {
        r0 = r1 = s1 = k0 = k1 = 0;
        h0 = h1 = h2 = 0;
        Arrays.fill(partial, (byte) 0);
        partialLength = 0;
        keyed = false;
    }

    /**
     * h = (h + block + pad 2^128) r, partly reduced mod p, for {@code count} 16-byte blocks.
     *
     * <p>Reduction uses 2^130 = 5 (mod p). Clamping makes r1 a multiple of 4, so a product with
     * r1 that lands at 2^128 is x r1 2^128 = x (r1 / 4) 2^130 = x (5 r1 / 4) = x s1 (mod p), at
     * 2^0; one at 2^192 comes back at 2^64 the same way. Hence, with h2 a few bits:
     * <pre>
     *   d0  = h0 r0 + h1 s1            (at 2^0:   two 128-bit products)
     *   d1  = h0 r1 + h1 r0 + h2 s1    (at 2^64:  two 128-bit products, one 64-bit)
     *   top = h2 r0                    (at 2^128: 64-bit, since r0 < 2^60)
     * </pre>
     * with each sum's high half carried up. The part of the result from 2^130 up, q, comes back
     * as 5 q at 2^0. That fold uses the high halves at 2^128 as they are and leaves the 0-or-1
     * carries out of the 2^64 sums in h2, which shortens the chain from one block to the next:
     * h2 ends a block at most 6. The comments give the bounds that keep every sum in 64 bits.
     */
    private void blocks(byte[] in, int offset, int count, long pad) {
        long r0 = this.r0;
        long r1 = this.r1;
        long s1 = this.s1;
        long h0 = this.h0;
        long h1 = this.h1;
        long h2 = this.h2;
        for (int end = offset + count * BLOCK; offset < end; offset += BLOCK) {
            // h += block + pad 2^128
            long m0 = (long) LONG_LE.get(in, offset);
            long m1 = (long) LONG_LE.get(in, offset + 8);
            long t0 = h0 + m0;
            long t1 = h1 + m1 + carry(h0, m0, t0);
            h2 += carry(h1, m1, t1) + pad; // <= 8
            h0 = t0;
            h1 = t1;

            // Math.multiplyHigh is signed: it reads a limb with its top bit set as limb - 2^64,
            // so the unsigned high half of limb x r needs r added back then (r < 2^63).
            long n0 = h0 >> 63;
            long n1 = h1 >> 63;

            // d0 = h0 r0 + h1 s1: low half d0, high half d0hi < 2^60 + 1.25 2^60 + 1 < 2^62
            long a = h0 * r0;
            long b = h1 * s1;
            long d0 = a + b;
            long d0hi = Math.multiplyHigh(h0, r0) + (n0 & r0) + Math.multiplyHigh(h1, s1) + (n1 & s1)
                    + carry(a, b, d0);

            // d1 = h0 r1 + h1 r0 + h2 s1 + d0hi: low half d1, carries out of it c (<= 2).
            // h2 s1 + d0hi <= 8 (1.25 2^60) + 2^62 < 2^64 needs no carry.
            long e = h2 * s1 + d0hi;
            a = h0 * r1;
            b = h1 * r0;
            long ab = a + b;
            long d1 = ab + e;
            long c = carry(a, b, ab) + carry(ab, e, d1);

            // Everything at 2^128 but c: top < 2^60 + 2^60 + 8 2^60 (r0, r1 < 2^60), so 5/4 top fits too.
            long top = Math.multiplyHigh(h0, r1) + (n0 & r1) + Math.multiplyHigh(h1, r0) + (n1 & r0) + h2 * r0;

            // top = 4 q + (top & 3) and 4 q 2^128 = q 2^130 = 5 q: add 5 q = 4 q + q at 2^0.
            long q5 = (top & ~3L) + (top >>> 2);
            h0 = d0 + q5;
            long c0 = carry(d0, q5, h0);
            h1 = d1 + c0;
            h2 = (top & 3) + c + smallCarry(d1, h1); // <= 3 + 2 + 1
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
    }

    /** The carry out of sum = a + b + (0 or 1), unsigned (Hacker's Delight 2-13), without a branch. */
    private static long carry(long a, long b, long sum) {
        return ((a & b) | ((a | b) & ~sum)) >>> 63;
    }

    /** The carry out of sum = a + b when b < 2^63: then it carried exactly if a's top bit was set and sum's is not. */
    private static long smallCarry(long a, long sum) {
        return (a & ~sum) >>> 63;
    }
}
