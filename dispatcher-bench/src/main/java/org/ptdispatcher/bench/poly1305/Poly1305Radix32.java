package org.ptdispatcher.bench.poly1305;

/**
 * Radix 2^32, four limbs and a few bits at 2^128 (OpenSSL's 32-bit C code). Clamping leaves the
 * r limbs below 2^28 and r1..r3 multiples of 4, so a product at 2^(32 i), i >= 4, comes back at
 * 2^(32 (i - 4)) times 5/4: s_i = r_i + r_i / 4. Each sum of four 32x29-bit products fits a long.
 * 16 full products and 4 small ones per block.
 */
public final class Poly1305Radix32 extends Poly1305Candidate {
    private static final long M32 = 0xffffffffL;
    private long r0, r1, r2, r3, s1, s2, s3, k0, k1;
    private long h0, h1, h2, h3, h4;

    @Override
    void setKey(byte[] key, int o) {
        r0 = (int) INT_LE.get(key, o) & 0x0fffffffL;
        r1 = (int) INT_LE.get(key, o + 4) & 0x0ffffffcL;
        r2 = (int) INT_LE.get(key, o + 8) & 0x0ffffffcL;
        r3 = (int) INT_LE.get(key, o + 12) & 0x0ffffffcL;
        s1 = r1 + (r1 >>> 2);
        s2 = r2 + (r2 >>> 2);
        s3 = r3 + (r3 >>> 2);
        k0 = (long) LONG_LE.get(key, o + 16);
        k1 = (long) LONG_LE.get(key, o + 24);
        h0 = h1 = h2 = h3 = h4 = 0;
    }

    @Override
    void blocks(byte[] in, int offset, int count, long pad) {
        long r0 = this.r0, r1 = this.r1, r2 = this.r2, r3 = this.r3;
        long s1 = this.s1, s2 = this.s2, s3 = this.s3;
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        for (int end = offset + count * 16; offset < end; offset += 16) {
            h0 += (int) INT_LE.get(in, offset) & M32;
            h1 += ((int) INT_LE.get(in, offset + 4) & M32) + (h0 >>> 32);
            h2 += ((int) INT_LE.get(in, offset + 8) & M32) + (h1 >>> 32);
            h3 += ((int) INT_LE.get(in, offset + 12) & M32) + (h2 >>> 32);
            h4 += (h3 >>> 32) + pad;
            h0 &= M32;
            h1 &= M32;
            h2 &= M32;
            h3 &= M32;

            long d0 = h0 * r0 + h1 * s3 + h2 * s2 + h3 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s3 + h3 * s2 + h4 * s1;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s3 + h4 * s2;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s3;
            h4 *= r0;

            d1 += d0 >>> 32;
            d2 += d1 >>> 32;
            d3 += d2 >>> 32;
            h4 += d3 >>> 32;
            // (h4 >> 2) 2^130 = 5 (h4 >> 2)
            long c = (h4 >>> 2) + (h4 & ~3L);
            h4 &= 3;
            h0 = (d0 & M32) + c;
            h1 = (d1 & M32) + (h0 >>> 32);
            h2 = (d2 & M32) + (h1 >>> 32);
            h3 = (d3 & M32) + (h2 >>> 32);
            h4 += h3 >>> 32;
            h0 &= M32;
            h1 &= M32;
            h2 &= M32;
            h3 &= M32;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
        this.h3 = h3;
        this.h4 = h4;
    }

    @Override
    void finish(byte[] out, int outOffset) {
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        long g0 = h0 + 5;
        long g1 = h1 + (g0 >>> 32);
        long g2 = h2 + (g1 >>> 32);
        long g3 = h3 + (g2 >>> 32);
        long g4 = h4 + (g3 >>> 32);
        long useG = -(g4 >>> 2);
        long lo = ((h0 | (h1 << 32)) & ~useG) | (((g0 & M32) | (g1 << 32)) & useG);
        long hi = ((h2 | (h3 << 32)) & ~useG) | (((g2 & M32) | (g3 << 32)) & useG);
        long t0 = lo + k0;
        long c = ((lo & k0) | ((lo | k0) & ~t0)) >>> 63;
        LONG_LE.set(out, outOffset, t0);
        LONG_LE.set(out, outOffset + 8, hi + k1 + c);
    }
}
