package org.ptdispatcher.bench.poly1305;

/**
 * Radix 2^64, the plain way (OpenSSL's C with a 128-bit type): the full product with every carry
 * propagated, then the bits from 2^130 folded; h2 is at most 4 between blocks.
 */
public final class Poly1305Radix64a extends Poly1305Candidate {
    private long r0, r1, s1, k0, k1;
    private long h0, h1, h2;

    @Override
    void setKey(byte[] key, int o) {
        r0 = (long) LONG_LE.get(key, o) & 0x0ffffffc0fffffffL;
        r1 = (long) LONG_LE.get(key, o + 8) & 0x0ffffffc0ffffffcL;
        s1 = r1 + (r1 >>> 2);
        k0 = (long) LONG_LE.get(key, o + 16);
        k1 = (long) LONG_LE.get(key, o + 24);
        h0 = h1 = h2 = 0;
    }

    @Override
    void blocks(byte[] in, int offset, int count, long pad) {
        long r0 = this.r0, r1 = this.r1, s1 = this.s1;
        long h0 = this.h0, h1 = this.h1, h2 = this.h2;
        for (int end = offset + count * 16; offset < end; offset += 16) {
            long m0 = (long) LONG_LE.get(in, offset);
            long m1 = (long) LONG_LE.get(in, offset + 8);
            long t0 = h0 + m0;
            long t1 = h1 + m1 + carry(h0, m0, t0);
            h2 += carry(h1, m1, t1) + pad; // <= 6
            h0 = t0;
            h1 = t1;

            long a = h0 * r0;
            long b = h1 * s1;
            long d0lo = a + b;
            long d0hi = mulHigh(h0, r0) + mulHigh(h1, s1) + carry(a, b, d0lo);

            a = h0 * r1;
            b = h1 * r0;
            long d1lo = a + b;
            long d1hi = mulHigh(h0, r1) + mulHigh(h1, r0) + carry(a, b, d1lo);
            long e = d1lo + h2 * s1;
            d1hi += smallCarry(d1lo, e);
            d1lo = e + d0hi;
            d1hi += smallCarry(e, d1lo);

            h0 = d0lo;
            h1 = d1lo;
            h2 = h2 * r0 + d1hi;

            long q5 = (h2 & ~3L) + (h2 >>> 2);
            h2 &= 3;
            h0 += q5;
            long c = carry(d0lo, q5, h0);
            h1 += c;
            h2 += smallCarry(d1lo, h1);
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
    }

    @Override
    void finish(byte[] out, int outOffset) {
        long h0 = this.h0, h1 = this.h1, h2 = this.h2;
        // Fold the bits from 2^130 up, if any, so that h < 2p.
        long q5 = (h2 & ~3L) + (h2 >>> 2);
        h2 &= 3;
        long t = h0 + q5;
        long c = carry(h0, q5, t);
        h0 = t;
        t = h1 + c;
        h2 += smallCarry(h1, t);
        h1 = t;
        long g0 = h0 + 5;
        c = carry(h0, 5, g0);
        long g1 = h1 + c;
        c = carry(h1, c, g1);
        long g2 = h2 + c;
        long useG = -(g2 >>> 2);
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        long t0 = h0 + k0;
        LONG_LE.set(out, outOffset, t0);
        LONG_LE.set(out, outOffset + 8, h1 + k1 + carry(h0, k0, t0));
    }

    static long mulHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b);
    }

    static long carry(long a, long b, long sum) {
        return ((a & b) | ((a | b) & ~sum)) >>> 63;
    }

    static long smallCarry(long a, long sum) {
        return (a & ~sum) >>> 63;
    }
}
