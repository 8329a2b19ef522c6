package org.ptdispatcher.engine.transport.obfs4.framing;

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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * obfs4's secretbox (XSalsa20-Poly1305) on 1448 bytes of data, a full frame's worth: one op is
 * one frame, so MiB/s = ops/s x 1448 / 2^20. In this package because {@link SecretBox} is
 * package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SecretBoxBenchmark {
    static final int LENGTH = 1448;
    private static final long COUNTER = 7;

    private SecretBox box;
    private final byte[] data = new byte[LENGTH];
    private final byte[] tag = new byte[SecretBox.TAG_LENGTH];
    /** A sealed frame (tag, then ciphertext) and the copy that open decrypts in place. */
    private final byte[] sealed = new byte[SecretBox.TAG_LENGTH + LENGTH];
    private final byte[] opened = new byte[SecretBox.TAG_LENGTH + LENGTH];
    private long counter;

    @Setup
    public void setUp() {
        Random random = new Random(1448);
        byte[] key = new byte[32];
        byte[] noncePrefix = new byte[16];
        random.nextBytes(key);
        random.nextBytes(noncePrefix);
        random.nextBytes(data);
        box = new SecretBox(key, noncePrefix);
        System.arraycopy(data, 0, sealed, SecretBox.TAG_LENGTH, LENGTH);
        box.seal(COUNTER, sealed, SecretBox.TAG_LENGTH, LENGTH, sealed, 0);
        if (!open()) {
            throw new IllegalStateException("a sealed frame does not open");
        }
    }

    /** Seals the buffer in place, over and over, with a new counter each time as a connection does. */
    @Benchmark
    public byte[] seal() {
        box.seal(counter++, data, 0, LENGTH, tag, 0);
        return tag;
    }

    /** Checks and decrypts a copy of one sealed frame (the 1464-byte copy is part of the op). */
    @Benchmark
    public boolean open() {
        System.arraycopy(sealed, 0, opened, 0, sealed.length);
        return box.open(COUNTER, opened, 0, opened.length);
    }
}
