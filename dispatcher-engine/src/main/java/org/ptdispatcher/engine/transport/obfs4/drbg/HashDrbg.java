package org.ptdispatcher.engine.transport.obfs4.drbg;


/**
 * obfs4proxy's deterministic random bit generator: SipHash-2-4 in "OFB mode", exactly as its
 * code runs it, which is not quite what the spec's formula says. The seed is a 16-byte SipHash
 * key and an 8-byte IV; each block is the SipHash of <em>everything fed so far</em> (the IV, then
 * every previous block), because the reference keeps writing into one running hash and never
 * resets it. Block n is therefore SipHash(K, IV | block1 | ... | block(n-1)).
 *
 * <p>The frame length masks, the protocol-polymorphism tables and the server's close delay all
 * come from it, so its output must match the reference bit for bit.
 *
 * <p>SipHash is written out here rather than taken from BouncyCastle: BouncyCastle's
 * {@code SipHash} resets on every {@code doFinal}, and re-hashing the whole history for each
 * block would cost time proportional to the connection's length.
 */
public final class HashDrbg {
    public static final int SEED_LENGTH = 24;

    private long v0;
    private long v1;
    private long v2;
    private long v3;
    private long bytesAbsorbed;
    private long ofb;

    public HashDrbg(byte[] seed) {
        if (seed.length < SEED_LENGTH) {
            throw new IllegalArgumentException("a HashDrbg seed is " + SEED_LENGTH + " bytes");
        }
        long k0 = littleEndianLong(seed, 0);
        long k1 = littleEndianLong(seed, 8);
        v0 = k0 ^ 0x736f6d6570736575L;
        v1 = k1 ^ 0x646f72616e646f6dL;
        v2 = k0 ^ 0x6c7967656e657261L;
        v3 = k1 ^ 0x7465646279746573L;
        ofb = littleEndianLong(seed, 16);
    }

    /**
     * The next 8-byte block, as the little-endian long SipHash returns (byte 0 of the block is
     * the low byte).
     */
    long nextBlock() {
        absorb(ofb);
        ofb = digest();
        return ofb;
    }

    /** The next 16-bit length mask: the first two bytes of the block, read big-endian. */
    public int nextLengthMask() {
        long block = nextBlock();
        return (int) (((block & 0xff) << 8) | ((block >>> 8) & 0xff));
    }

    /** The block read as a big-endian integer with its top bit cleared: Go's {@code rand.Source.Int63}. */
    long nextInt63() {
        return Long.reverseBytes(nextBlock()) & Long.MAX_VALUE;
    }

    private void absorb(long m) {
        v3 ^= m;
        sipRound();
        sipRound();
        v0 ^= m;
        bytesAbsorbed += 8;
    }

    /** Finalises a copy of the running state: the digest of everything absorbed so far. */
    private long digest() {
        long a = v0;
        long b = v1;
        long c = v2;
        long d = v3;
        long last = (bytesAbsorbed & 0xff) << 56;
        d ^= last;
        for (int i = 0; i < 2; i++) {
            a += b; b = Long.rotateLeft(b, 13); b ^= a; a = Long.rotateLeft(a, 32);
            c += d; d = Long.rotateLeft(d, 16); d ^= c;
            a += d; d = Long.rotateLeft(d, 21); d ^= a;
            c += b; b = Long.rotateLeft(b, 17); b ^= c; c = Long.rotateLeft(c, 32);
        }
        a ^= last;
        c ^= 0xff;
        for (int i = 0; i < 4; i++) {
            a += b; b = Long.rotateLeft(b, 13); b ^= a; a = Long.rotateLeft(a, 32);
            c += d; d = Long.rotateLeft(d, 16); d ^= c;
            a += d; d = Long.rotateLeft(d, 21); d ^= a;
            c += b; b = Long.rotateLeft(b, 17); b ^= c; c = Long.rotateLeft(c, 32);
        }
        return a ^ b ^ c ^ d;
    }

    private void sipRound() {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }

    static long littleEndianLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
