package org.ptdispatcher.engine.transport.shadow;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Shadowsocks AEAD: sealing one full chunk ({@link ShadowAeadEncoder#MAX_PAYLOAD} = 16383 bytes,
 * the most a chunk holds) with each cipher. One op is one chunk: MiB/s = ops/s x 16383 / 2^20.
 * In this package because {@link ShadowAead} is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShadowAeadBenchmark {
    static final int LENGTH = ShadowAeadEncoder.MAX_PAYLOAD;

    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_IETF_POLY1305"})
    public ShadowCipher cipher;

    private ShadowAead sealer;
    private final byte[] plain = new byte[LENGTH];
    private final byte[] sealed = new byte[LENGTH + ShadowCipher.TAG_SIZE];

    @Setup
    public void setUp() {
        Random random = new Random(16383);
        byte[] subkey = new byte[cipher.keySize()];
        random.nextBytes(subkey);
        random.nextBytes(plain);
        sealer = ShadowAead.sealer(cipher, subkey);
    }

    /** Each seal uses the next nonce, as a connection does. */
    @Benchmark
    public byte[] seal() {
        sealer.seal(plain, 0, LENGTH, sealed, 0);
        return sealed;
    }
}
