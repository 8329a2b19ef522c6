package org.ptdispatcher.bench.poly1305;

/**
 * Radix 2^44, three limbs of 44, 44 and 42 bits (poly1305-donna-64). A product limb at 2^132 =
 * 4 2^130 comes back at 2^0 times 20: s_i = 20 r_i. Nine products per block, each up to 95 bits:
 * Java has no 128-bit integer, so each is a low half and {@link Math#multiplyHigh}, split at 44 bits.
 */
public final class Poly1305Radix44 extends Poly1305Candidate {
    private static final long M44 = 0xfffffffffffL;
    private static final long M42 = 0x3ffffffffffL;
    private long r0, r1, r2, s1, s2, k0, k1;
    private long h0, h1, h2;

    @Override
    void setKey(byte[] key, int o) {
        long t0 = (long) LONG_LE.get(key, o);
        long t1 = (long) LONG_LE.get(key, o + 8);
        r0 = t0 & 0xffc0fffffffL;
        r1 = ((t0 >>> 44) | (t1 << 20)) & 0xfffffc0ffffL;
        r2 = (t1 >>> 24) & 0x00ffffffc0fL;
        s1 = r1 * 20;
        s2 = r2 * 20;
        k0 = (long) LONG_LE.get(key, o + 16);
        k1 = (long) LONG_LE.get(key, o + 24);
        h0 = h1 = h2 = 0;
    }

    @Override
    void blocks(byte[] in, int offset, int count, long pad) {
        long r0 = this.r0, r1 = this.r1, r2 = this.r2, s1 = this.s1, s2 = this.s2;
        long h0 = this.h0, h1 = this.h1, h2 = this.h2;
        long hibit = pad << 40;
        for (int end = offset + count * 16; offset < end; offset += 16) {
            long m0 = (long) LONG_LE.get(in, offset);
            long m1 = (long) LONG_LE.get(in, offset + 8);
            h0 += m0 & M44;
            h1 += ((m0 >>> 44) | (m1 << 20)) & M44;
            h2 += (m1 >>> 24) | hibit;

            // d_i = sum of three products, as (low 44 bits summed, bits from 44 up summed)
            long a = h0 * r0, b = h1 * s2, c = h2 * s1;
            long d0 = (a & M44) + (b & M44) + (c & M44);
            long e0 = (a >>> 44) + (b >>> 44) + (c >>> 44)
                    + ((Math.multiplyHigh(h0, r0) + Math.multiplyHigh(h1, s2) + Math.multiplyHigh(h2, s1)) << 20);
            a = h0 * r1; b = h1 * r0; c = h2 * s2;
            long d1 = (a & M44) + (b & M44) + (c & M44);
            long e1 = (a >>> 44) + (b >>> 44) + (c >>> 44)
                    + ((Math.multiplyHigh(h0, r1) + Math.multiplyHigh(h1, r0) + Math.multiplyHigh(h2, s2)) << 20);
            a = h0 * r2; b = h1 * r1; c = h2 * r0;
            long d2 = (a & M44) + (b & M44) + (c & M44);
            long e2 = (a >>> 44) + (b >>> 44) + (c >>> 44)
                    + ((Math.multiplyHigh(h0, r2) + Math.multiplyHigh(h1, r1) + Math.multiplyHigh(h2, r0)) << 20);

            d1 += e0 + (d0 >>> 44);
            h0 = d0 & M44;
            d2 += e1 + (d1 >>> 44);
            h1 = d1 & M44;
            // d2 sits at 2^88: its bits from 42 up are at 2^130 (times 5); e2 is at 2^132 (times 20).
            long top = (d2 >>> 42) + (e2 << 2);
            h2 = d2 & M42;
            h0 += top * 5;
            h1 += h0 >>> 44;
            h0 &= M44;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
    }

    @Override
    void finish(byte[] out, int outOffset) {
        long h0 = this.h0, h1 = this.h1, h2 = this.h2;
        h2 += h1 >>> 44; h1 &= M44;
        h0 += (h2 >>> 42) * 5; h2 &= M42;
        h1 += h0 >>> 44; h0 &= M44;
        h2 += h1 >>> 44; h1 &= M44;
        long g0 = h0 + 5;
        long g1 = h1 + (g0 >>> 44); g0 &= M44;
        long g2 = h2 + (g1 >>> 44) - (1L << 42); g1 &= M44;
        long useH = g2 >> 63;
        h0 = (h0 & useH) | (g0 & ~useH);
        h1 = (h1 & useH) | (g1 & ~useH);
        h2 = (h2 & useH) | (g2 & ~useH);
        long lo = h0 | (h1 << 44);
        long hi = (h1 >>> 20) | (h2 << 24);
        long t0 = lo + k0;
        long c = ((lo & k0) | ((lo | k0) & ~t0)) >>> 63;
        LONG_LE.set(out, outOffset, t0);
        LONG_LE.set(out, outOffset + 8, hi + k1 + c);
    }
}
