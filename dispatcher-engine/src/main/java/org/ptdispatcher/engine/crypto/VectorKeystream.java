package org.ptdispatcher.engine.crypto;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteOrder;

/**
 * The SIMD keystream: eight consecutive blocks computed at once, block j in lane j of 256-bit
 * vectors. The rounds leave the result word-major (all word 0s, then all word 1s, ...); writing
 * it out block by block is the transposition the byte order needs.
 *
 * <p>The species is a constant on purpose: the JIT turns Vector API calls into SIMD instructions
 * only when it can see the shape at compile time.
 */
abstract class VectorKeystream extends Keystream {
    static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
    static final int LANES = 8;
    /** Where words 0 to 7 (and, from {@code 8 * LANES} on, words 8 to 15) of one block sit in {@link #words}. */
    private static final int[] WORD_STRIDE = {0, LANES, 2 * LANES, 3 * LANES, 4 * LANES, 5 * LANES, 6 * LANES, 7 * LANES};

    /** The last batch, word-major: word i of lane j at {@code words[i * LANES + j]}. */
    final int[] words = new int[16 * LANES];
    private final int[] counterWords = new int[LANES];
    private final byte[] scratch = new byte[LANES * BLOCK];

    VectorKeystream(Core core) {
        super(core);
    }

    /**
     * Whether the processor has 256-bit integer vectors (AVX2 and up). Without them the Vector API
     * would run this shape as plain Java, far slower than the scalar cores.
     */
    static boolean hardwareSupported() {
        return IntVector.SPECIES_PREFERRED.vectorBitSize() >= SPECIES.vectorBitSize();
    }

    @Override
    public final boolean vectorized() {
        return true;
    }

    @Override
    final byte[] scratch() {
        return scratch;
    }

    @Override
    public final void xorWith(byte[] data, int offset, byte[] keystream, int keystreamOffset, int length) {
        int i = 0;
        for (int whole = BYTES.loopBound(length); i < whole; i += BYTES.length()) {
            ByteVector.fromArray(BYTES, data, offset + i)
                    .lanewise(VectorOperators.XOR, ByteVector.fromArray(BYTES, keystream, keystreamOffset + i))
                    .intoArray(data, offset + i);
        }
        xorScalar(data, offset + i, keystream, keystreamOffset + i, length - i);
    }

    /** Runs the core on blocks {@code counter} to {@code counter + 7} into {@link #words}. */
    abstract void batch(int[] input, long counter);

    @Override
    public final void generate(int[] input, long firstBlock, int blocks, byte[] out, int offset) {
        for (int done = 0; done < blocks; done += LANES) {
            batch(input, firstBlock + done);
            int count = Math.min(LANES, blocks - done);
            int at = offset + done * BLOCK;
            for (int j = 0; j < count; j++) {
                // Block j is column j of the word-major batch: two gathers of eight words each.
                int blockAt = at + j * BLOCK;
                IntVector.fromArray(SPECIES, words, j, WORD_STRIDE, 0).intoByteArray(out, blockAt, ByteOrder.LITTLE_ENDIAN);
                IntVector.fromArray(SPECIES, words, 8 * LANES + j, WORD_STRIDE, 0).intoByteArray(out, blockAt + 32, ByteOrder.LITTLE_ENDIAN);
            }
        }
    }

    /** The low 32 bits of each lane's block counter. */
    final IntVector counterLow(long counter) {
        for (int j = 0; j < LANES; j++) {
            counterWords[j] = (int) (counter + j);
        }
        return IntVector.fromArray(SPECIES, counterWords, 0);
    }

    /** The high 32 bits of each lane's block counter (they differ only when the low words wrap inside the batch). */
    final IntVector counterHigh(long counter) {
        for (int j = 0; j < LANES; j++) {
            counterWords[j] = (int) ((counter + j) >>> 32);
        }
        return IntVector.fromArray(SPECIES, counterWords, 0);
    }
}
