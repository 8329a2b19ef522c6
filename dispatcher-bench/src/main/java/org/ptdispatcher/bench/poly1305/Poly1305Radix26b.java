package org.ptdispatcher.bench.poly1305;

/**
 * Radix 2^26 with the carries after each product done as two interleaved chains (as the AVX2
 * code does): four dependent steps instead of seven.
 */
public final class Poly1305Radix26b extends Poly1305Candidate {
    private static final long M26 = 0x3ffffff;
    private final Poly1305Radix26 finisher = new Poly1305Radix26();
    long r0, r1, r2, r3, r4, s1, s2, s3, s4, k0, k1;
    long h0, h1, h2, h3, h4;

    @Override
    void setKey(byte[] key, int o) {
        long t0 = (long) LONG_LE.get(key, o);
        long t1 = (long) LONG_LE.get(key, o + 8);
        r0 = t0 & 0x3ffffff;
        r1 = (t0 >>> 26) & 0x3ffff03;
        r2 = ((t0 >>> 52) | (t1 << 12)) & 0x3ffc0ff;
        r3 = (t1 >>> 14) & 0x3f03fff;
        r4 = (t1 >>> 40) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        k0 = (long) LONG_LE.get(key, o + 16);
        k1 = (long) LONG_LE.get(key, o + 24);
        h0 = h1 = h2 = h3 = h4 = 0;
    }

    @Override
    void blocks(byte[] in, int offset, int count, long pad) {
        long r0 = this.r0, r1 = this.r1, r2 = this.r2, r3 = this.r3, r4 = this.r4;
        long s1 = this.s1, s2 = this.s2, s3 = this.s3, s4 = this.s4;
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        long hibit = pad << 24;
        for (int end = offset + count * 16; offset < end; offset += 16) {
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
