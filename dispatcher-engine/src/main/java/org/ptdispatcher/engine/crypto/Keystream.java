package org.ptdispatcher.engine.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The keystream of a Salsa20/20 or ChaCha20 (RFC 8439) core: blocks of 64 bytes, each the core
 * applied to a 16-word input whose block-counter words change from block to block.
 *
 * <p>{@link #salsa20()} and {@link #chacha20()} choose the fastest implementation this runtime
 * offers: eight blocks at once in SIMD lanes when the JDK's Vector API module
 * ({@code jdk.incubator.vector}) is present and the processor has 256-bit vectors (AVX2), else one
 * block at a time with BouncyCastle's cores. Both produce the same bytes; the tests check it.
 * Java has no other way to reach SIMD: the JIT does not vectorize these rounds by itself, and a
 * block at a time in scalar registers is about a third of the speed.
 *
 * <p>Instances keep scratch space: one per connection direction, not thread-safe.
 */
public abstract class Keystream {
    /** Forces the one-block-at-a-time cores (for comparison and as a way out): {@code -Dptdispatcher.crypto.scalar=true}. */
    public static final String SCALAR_PROPERTY = "ptdispatcher.crypto.scalar";
    /**
     * The line the JVM writes to stderr, before the engine starts, when a launcher resolves the
     * Vector API module. Not an IPC line: parents ignore it (spec section 1.2), and so do the app
     * and the tests.
     */
    public static final String JVM_INCUBATOR_NOTE = "WARNING: Using incubator modules: jdk.incubator.vector";

    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    static final int BLOCK = 64;

    /** Which core, and where its block counter sits in the input. */
    public enum Core {
        /** Salsa20/20: a 64-bit little-endian counter in words 8 and 9. */
        SALSA20,
        /** ChaCha20 as in RFC 8439: a 32-bit counter in word 12, the nonce in words 13 to 15. */
        CHACHA20
    }

    private final Core core;

    Keystream(Core core) {
        this.core = core;
    }

    /**
     * Whether the SIMD cores are missing only because the JVM was started without the Vector API
     * module (plain {@code java -jar}), so that starting it another way would make them run.
     */
    public static boolean vectorModuleMissing() {
        return VectorLanes.moduleMissing();
    }

    public static Keystream salsa20() {
        return create(Core.SALSA20);
    }

    public static Keystream chacha20() {
        return create(Core.CHACHA20);
    }

    private static Keystream create(Core core) {
        return VectorLanes.usable() ? VectorLanes.keystream(core) : new ScalarKeystream(core);
    }

    public final Core core() {
        return core;
    }

    /** Whether this instance uses SIMD lanes (what the engine logs and the benchmarks report). */
    public abstract boolean vectorized();

    /**
     * Writes blocks {@code firstBlock} to {@code firstBlock + blocks - 1} of the keystream for
     * {@code input} (whose counter words are ignored) to {@code out[offset, offset + 64 * blocks)}.
     */
    public abstract void generate(int[] input, long firstBlock, int blocks, byte[] out, int offset);

    /**
     * XORs {@code data[offset, offset + length)} with the keystream of {@code input} from byte
     * {@code skip} of block {@code firstBlock} on.
     */
    public final void xor(int[] input, long firstBlock, int skip, byte[] data, int offset, int length) {
        byte[] scratch = scratch();
        int batch = scratch.length / BLOCK;
        long block = firstBlock;
        int position = skip;
        int done = 0;
        while (done < length) {
            int blocks = Math.min(batch, (position + length - done + BLOCK - 1) / BLOCK);
            generate(input, block, blocks, scratch, 0);
            int available = Math.min(blocks * BLOCK - position, length - done);
            xorWith(data, offset + done, scratch, position, available);
            done += available;
            block += blocks;
            position = 0;
        }
    }

    /** Space for one batch of blocks. */
    abstract byte[] scratch();

    /**
     * XORs {@code data[offset, offset + length)} with {@code keystream[keystreamOffset, keystreamOffset + length)},
     * with vectors where this instance has them.
     */
    public void xorWith(byte[] data, int offset, byte[] keystream, int keystreamOffset, int length) {
        xorScalar(data, offset, keystream, keystreamOffset, length);
    }

    static void xorScalar(byte[] data, int offset, byte[] keystream, int keystreamOffset, int length) {
        int i = 0;
        // Eight bytes at a time; XOR does not care about byte order.
        for (; i + 8 <= length; i += 8) {
            int p = offset + i;
            LONG.set(data, p, (long) LONG.get(data, p) ^ (long) LONG.get(keystream, keystreamOffset + i));
        }
        for (; i < length; i++) {
            data[offset + i] ^= keystream[keystreamOffset + i];
        }
    }
}
