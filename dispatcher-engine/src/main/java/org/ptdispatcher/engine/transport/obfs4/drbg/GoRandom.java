package org.ptdispatcher.engine.transport.obfs4.drbg;


/**
 * The value stream of Go's {@code math/rand} (version 1) over a {@link HashDrbg} source:
 * obfs4proxy builds its protocol-polymorphism tables and its close delay with
 * {@code rand.New(drbg)}, so the same seed must give the same numbers here. Only the methods
 * obfs4proxy calls are reproduced, with Go's algorithms (including their rejection loops).
 */
public final class GoRandom {
    private final HashDrbg source;

    public GoRandom(HashDrbg source) {
        this.source = source;
    }

    long int63() {
        return source.nextInt63();
    }

    int int31() {
        return (int) (int63() >>> 32);
    }

    /** Go's {@code Int31n}: uniform in [0, n). */
    int int31n(int n) {
        if ((n & (n - 1)) == 0) {
            return int31() & (n - 1);
        }
        int max = (int) ((1L << 31) - 1 - (1L << 31) % n);
        int v = int31();
        while (v > max) {
            v = int31();
        }
        return v % n;
    }

    /** Go's {@code Intn} for n below 2^31. */
    public int intn(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        return int31n(n);
    }

    /** Go's {@code Float64}: int63 / 2^63, drawn again in the rare case that rounds to 1. */
    public double float64() {
        while (true) {
            double f = (double) int63() / 9.223372036854775808E18;
            if (f != 1.0) {
                return f;
            }
        }
    }

    /** Go's {@code Perm}: a permutation of [0, n), with Go's exact draw order. */
    public int[] perm(int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            int j = intn(i + 1);
            m[i] = m[j];
            m[j] = i;
        }
        return m;
    }
}
