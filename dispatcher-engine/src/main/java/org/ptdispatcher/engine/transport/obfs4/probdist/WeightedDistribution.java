package org.ptdispatcher.engine.transport.obfs4.probdist;

import org.ptdispatcher.engine.transport.obfs4.drbg.GoRandom;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * obfs4's protocol-polymorphism distribution (obfs4proxy's {@code probdist}, uniform weights):
 * from a seed, a random subset of at most 100 values in [min, max], each with a random weight;
 * samples are drawn with Vose's alias method. The table is a pure function of the seed, built
 * with Go's {@code math/rand} stream, so a server and the clients it sends its seed to draw
 * packet sizes and delays from the same distribution as obfs4proxy would; the draws themselves
 * use a cryptographic random source.
 */
public final class WeightedDistribution {
    private static final int MAX_VALUES = 100;

    private final int min;
    private final int max;
    private int[] values;
    private double[] probability;
    private int[] alias;

    public WeightedDistribution(byte[] seed, int min, int max) {
        if (max <= min) {
            throw new IllegalArgumentException("max must be above min");
        }
        this.min = min;
        this.max = max;
        build(seed);
    }

    /** Builds the table; it never changes afterwards, so connections on any thread may share it. */
    private void build(byte[] seed) {
        GoRandom random = new GoRandom(new HashDrbg(seed));
        int count = max + 1 - min;
        int[] permutation = random.perm(count);
        count = Math.max(1, Math.min(MAX_VALUES, count));
        count = random.intn(count) + 1;
        values = Arrays.copyOf(permutation, count);
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = random.float64();
        }
        buildAliasTable(weights);
    }

    /** One value of the distribution. */
    public int sample(RandomGenerator random) {
        int i = random.nextInt(values.length);
        int index = random.nextDouble() <= probability[i] ? i : alias[i];
        return min + values[index];
    }

    /** The values this distribution can return (for tests). */
    public int[] support() {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = min + values[i];
        }
        return out;
    }

    /** Vose's alias method, in the same order of operations as the reference (it decides rounding). */
    private void buildAliasTable(double[] weights) {
        int n = weights.length;
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        Deque<Integer> small = new ArrayDeque<>();
        Deque<Integer> large = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * (double) n / sum;
            if (scaled[i] < 1.0) {
                small.addLast(i);
            } else {
                large.addLast(i);
            }
        }
        while (!small.isEmpty() && !large.isEmpty()) {
            int l = small.removeFirst();
            int g = large.removeFirst();
            probability[l] = scaled[l];
            alias[l] = g;
            scaled[g] = (scaled[g] + scaled[l]) - 1.0;
            if (scaled[g] < 1.0) {
                small.addLast(g);
            } else {
                large.addLast(g);
            }
        }
        while (!large.isEmpty()) {
            probability[large.removeFirst()] = 1.0;
        }
        while (!small.isEmpty()) {
            probability[small.removeFirst()] = 1.0;
        }
    }
}
