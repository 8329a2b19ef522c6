package org.ptdispatcher.engine.crypto;

import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Poly1305 of a 1448-byte message (an obfs4 frame's worth) under a fresh one-time key, as obfs4's
 * secretbox and ChaCha20-Poly1305 use it: ours against BouncyCastle's. One op is one message, so
 * MiB/s = ops/s x 1448 / 2^20.
 *
 * <p>The other limb layouts measured before choosing radix 2^64 (2^26 as in poly1305-donna, also
 * with interleaved carries and two blocks per step, 2^32, 2^44, and a plainer 2^64) are in the
 * commit that added this module, in {@code org.ptdispatcher.bench.poly1305}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Poly1305Benchmark {
    static final int LENGTH = 1448;
    /** Distinct keys and messages, taken in turn, so that none is a constant to the JIT. */
    private static final int COUNT = 16;

    private final byte[][] keys = new byte[COUNT][32];
    private final byte[][] messages = new byte[COUNT][LENGTH];
    private final byte[] tag = new byte[16];
    private int next;

    private final Poly1305 ours = new Poly1305();
    private final org.bouncycastle.crypto.macs.Poly1305 bc = new org.bouncycastle.crypto.macs.Poly1305();

    @Setup
    public void setUp() {
        Random random = new Random(LENGTH);
        for (int i = 0; i < COUNT; i++) {
            random.nextBytes(keys[i]);
            random.nextBytes(messages[i]);
        }
        // A fast wrong answer is worth nothing: each must agree with BouncyCastle.
        for (int i = 0; i < COUNT; i++) {
            next = i;
            byte[] expected = bouncyCastle().clone();
            check("ours", i, expected, this::ours);
            check("oneShot", i, expected, this::oneShot);
        }
        next = 0;
    }

    private void check(String name, int message, byte[] expected, Supplier<byte[]> mac) {
        next = message;
        if (!Arrays.equals(expected, mac.get())) {
            throw new IllegalStateException(name + " disagrees with BouncyCastle on message " + message);
        }
    }

    @Benchmark
    public byte[] ours() {
        int i = next++ & (COUNT - 1);
        ours.init(keys[i], 0);
        ours.update(messages[i], 0, LENGTH);
        ours.doFinal(tag, 0);
        return tag;
    }

    @Benchmark
    public byte[] oneShot() {
        int i = next++ & (COUNT - 1);
        Poly1305.mac(keys[i], 0, messages[i], 0, LENGTH, tag, 0);
        return tag;
    }

    /** As SecretBox and ChaCha20Poly1305Aead call it: with a new KeyParameter per message. */
    @Benchmark
    public byte[] bouncyCastle() {
        int i = next++ & (COUNT - 1);
        bc.init(new KeyParameter(keys[i]));
        bc.update(messages[i], 0, LENGTH);
        bc.doFinal(tag, 0);
        return tag;
    }
}
