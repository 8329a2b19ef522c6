package org.ptdispatcher.bench.poly1305;

/**
 * Radix 2^26, two blocks per step: h = (h + m1) r^2 + m2 r, two Horner steps at once. The two
 * products are independent, so one multiply-and-carry chain serves two blocks; the cost is
 * computing r^2 (mod p) per key. In radix 2^26 a product with the unclamped r^2 costs the same
 * as with r: any limbs below 2^26 work with s_i = 5 r_i.
 */
public final class Poly1305Radix26x2 extends Poly1305Candidate {
    private static final long M26 = 0x3ffffff;
    private final Poly1305Radix26 finisher = new Poly1305Radix26();
    private long r0, r1, r2, r3, r4, s1, s2, s3, s4, k0, k1;
    private long q0, q1, q2, q3, q4, t1, t2, t3, t4; // r^2 and 5 r^2
    private long h0, h1, h2, h3, h4;

    @Override
    void setKey(byte[] key, int o) {
        long t0 = (long) LONG_LE.get(key, o);
        long u1 = (long) LONG_LE.get(key, o + 8);
        r0 = t0 & 0x3ffffff;
        r1 = (t0 >>> 26) & 0x3ffff03;
        r2 = ((t0 >>> 52) | (u1 << 12)) & 0x3ffc0ff;
        r3 = (u1 >>> 14) & 0x3f03fff;
        r4 = (u1 >>> 40) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        k0 = (long) LONG_LE.get(key, o + 16);
        k1 = (long) LONG_LE.get(key, o + 24);
        // r^2 mod p, carried so every limb is below 2^26
        long d0 = r0 * r0 + r1 * s4 + r2 * s3 + r3 * s2 + r4 * s1;
        long d1 = r0 * r1 + r1 * r0 + r2 * s4 + r3 * s3 + r4 * s2;
        long d2 = r0 * r2 + r1 * r1 + r2 * r0 + r3 * s4 + r4 * s3;
        long d3 = r0 * r3 + r1 * r2 + r2 * r1 + r3 * r0 + r4 * s4;
        long d4 = r0 * r4 + r1 * r3 + r2 * r2 + r3 * r1 + r4 * r0;
        d1 += d0 >>> 26; d0 &= M26;
        d2 += d1 >>> 26; d1 &= M26;
        d3 += d2 >>> 26; d2 &= M26;
        d4 += d3 >>> 26; d3 &= M26;
        d0 += (d4 >>> 26) * 5; d4 &= M26;
        d1 += d0 >>> 26; d0 &= M26;
        d2 += d1 >>> 26; d1 &= M26;
        q0 = d0; q1 = d1; q2 = d2; q3 = d3; q4 = d4;
        t1 = q1 * 5; t2 = q2 * 5; t3 = q3 * 5; t4 = q4 * 5;
        h0 = h1 = h2 = h3 = h4 = 0;
    }

    @Override
    void blocks(byte[] in, int offset, int count, long pad) {
        long r0 = this.r0, r1 = this.r1, r2 = this.r2, r3 = this.r3, r4 = this.r4;
        long s1 = this.s1, s2 = this.s2, s3 = this.s3, s4 = this.s4;
        long q0 = this.q0, q1 = this.q1, q2 = this.q2, q3 = this.q3, q4 = this.q4;
        long t1 = this.t1, t2 = this.t2, t3 = this.t3, t4 = this.t4;
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        long hibit = pad << 24;
        int end = offset + count * 16;
        for (; offset + 32 <= end; offset += 32) {
            long m0 = (long) LONG_LE.get(in, offset);
            long m1 = (long) LONG_LE.get(in, offset + 8);
            h0 += m0 & M26;
            h1 += (m0 >>> 26) & M26;
            h2 += ((m0 >>> 52) | (m1 << 12)) & M26;
            h3 += (m1 >>> 14) & M26;
            h4 += (m1 >>> 40) | hibit;
            m0 = (long) LONG_LE.get(in, offset + 16);
            m1 = (long) LONG_LE.get(in, offset + 24);
            long b0 = m0 & M26;
            long b1 = (m0 >>> 26) & M26;
            long b2 = ((m0 >>> 52) | (m1 << 12)) & M26;
            long b3 = (m1 >>> 14) & M26;
            long b4 = (m1 >>> 40) | hibit;

            long d0 = h0 * q0 + h1 * t4 + h2 * t3 + h3 * t2 + h4 * t1
                    + b0 * r0 + b1 * s4 + b2 * s3 + b3 * s2 + b4 * s1;
            long d1 = h0 * q1 + h1 * q0 + h2 * t4 + h3 * t3 + h4 * t2
                    + b0 * r1 + b1 * r0 + b2 * s4 + b3 * s3 + b4 * s2;
            long d2 = h0 * q2 + h1 * q1 + h2 * q0 + h3 * t4 + h4 * t3
                    + b0 * r2 + b1 * r1 + b2 * r0 + b3 * s4 + b4 * s3;
            long d3 = h0 * q3 + h1 * q2 + h2 * q1 + h3 * q0 + h4 * t4
                    + b0 * r3 + b1 * r2 + b2 * r1 + b3 * r0 + b4 * s4;
            long d4 = h0 * q4 + h1 * q3 + h2 * q2 + h3 * q1 + h4 * q0
                    + b0 * r4 + b1 * r3 + b2 * r2 + b3 * r1 + b4 * r0;

            d1 += d0 >>> 26;
            h0 = d0 & M26;
            d4 += d3 >>> 26;
            h3 = d3 & M26;
            d2 += d1 >>> 26;
            h1 = d1 & M26;
            h0 += (d4 >>> 26) * 5;
            h4 = d4 & M26;
            h3 += d2 >>> 26;
            h2 = d2 & M26;
            h1 += h0 >>> 26;
            h0 &= M26;
            h4 += h3 >>> 26;
            h3 &= M26;
        }
        if (offset < end) {
            long m0 = (long) LONG_LE.get(in, offset);
            long m1 = (long) LONG_LE.get(in, offset + 8);
            h0 += m0 & M26;
            h1 += (m0 >>> 26) & M26;
            h2 += ((m0 >>> 52) | (m1 << 12)) & M26;
            h3 += (m1 >>> 14) & M26;
            h4 += (m1 >>> 40) | hibit;

            long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

            d1 += d0 >>> 26;
            h0 = d0 & M26;
            d4 += d3 >>> 26;
            h3 = d3 & M26;
            d2 += d1 >>> 26;
            h1 = d1 & M26;
            h0 += (d4 >>> 26) * 5;
            h4 = d4 & M26;
            h3 += d2 >>> 26;
            h2 = d2 & M26;
            h1 += h0 >>> 26;
            h0 &= M26;
            h4 += h3 >>> 26;
            h3 &= M26;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
        this.h3 = h3;
        this.h4 = h4;
    }

    @Override
    void finish(byte[] out, int outOffset) {
        Poly1305Radix26 f = finisher;
        f.h0 = h0; f.h1 = h1; f.h2 = h2; f.h3 = h3; f.h4 = h4; f.k0 = k0; f.k1 = k1;
        f.finish(out, outOffset);
    }
}
