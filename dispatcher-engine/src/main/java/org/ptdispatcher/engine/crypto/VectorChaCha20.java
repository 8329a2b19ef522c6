package org.ptdispatcher.engine.crypto;

import jdk.incubator.vector.IntVector;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

/**
 * ChaCha20 (RFC 8439, 32-bit counter) on {@link #LANES} blocks at once.
 * Lane j of vector x<i>i</i> holds word <i>i</i> of block {@code counter + j}, so the rounds are
 * the textbook ones, written out by hand on vectors, one line per step of the spec's
 * quarter-round. A wrong line is caught by {@code KeystreamTest}, which compares every lane with
 * the scalar core for batches of 1 to 26 blocks.
 */
final class VectorChaCha20 extends VectorKeystream {
    VectorChaCha20() {
        super(Core.CHACHA20);
    }

    @Override
    void batch(int[] input, long counter) {
        IntVector i0 = IntVector.broadcast(SPECIES, input[0]);
        IntVector i1 = IntVector.broadcast(SPECIES, input[1]);
        IntVector i2 = IntVector.broadcast(SPECIES, input[2]);
        IntVector i3 = IntVector.broadcast(SPECIES, input[3]);
        IntVector i4 = IntVector.broadcast(SPECIES, input[4]);
        IntVector i5 = IntVector.broadcast(SPECIES, input[5]);
        IntVector i6 = IntVector.broadcast(SPECIES, input[6]);
        IntVector i7 = IntVector.broadcast(SPECIES, input[7]);
        IntVector i8 = IntVector.broadcast(SPECIES, input[8]);
        IntVector i9 = IntVector.broadcast(SPECIES, input[9]);
        IntVector i10 = IntVector.broadcast(SPECIES, input[10]);
        IntVector i11 = IntVector.broadcast(SPECIES, input[11]);
        IntVector i12 = counterLow(counter);
        IntVector i13 = IntVector.broadcast(SPECIES, input[13]);
        IntVector i14 = IntVector.broadcast(SPECIES, input[14]);
        IntVector i15 = IntVector.broadcast(SPECIES, input[15]);
        IntVector x0 = i0, x1 = i1, x2 = i2, x3 = i3, x4 = i4, x5 = i5, x6 = i6, x7 = i7, x8 = i8, x9 = i9, x10 = i10, x11 = i11, x12 = i12, x13 = i13, x14 = i14, x15 = i15;
        for (int doubleRound = 0; doubleRound < 10; doubleRound++) {
            // Column round.
            x0 = x0.add(x4); x12 = x12.lanewise(XOR, x0).lanewise(ROL, 16);
            x8 = x8.add(x12); x4 = x4.lanewise(XOR, x8).lanewise(ROL, 12);
            x0 = x0.add(x4); x12 = x12.lanewise(XOR, x0).lanewise(ROL, 8);
            x8 = x8.add(x12); x4 = x4.lanewise(XOR, x8).lanewise(ROL, 7);
            x1 = x1.add(x5); x13 = x13.lanewise(XOR, x1).lanewise(ROL, 16);
            x9 = x9.add(x13); x5 = x5.lanewise(XOR, x9).lanewise(ROL, 12);
            x1 = x1.add(x5); x13 = x13.lanewise(XOR, x1).lanewise(ROL, 8);
            x9 = x9.add(x13); x5 = x5.lanewise(XOR, x9).lanewise(ROL, 7);
            x2 = x2.add(x6); x14 = x14.lanewise(XOR, x2).lanewise(ROL, 16);
            x10 = x10.add(x14); x6 = x6.lanewise(XOR, x10).lanewise(ROL, 12);
            x2 = x2.add(x6); x14 = x14.lanewise(XOR, x2).lanewise(ROL, 8);
            x10 = x10.add(x14); x6 = x6.lanewise(XOR, x10).lanewise(ROL, 7);
            x3 = x3.add(x7); x15 = x15.lanewise(XOR, x3).lanewise(ROL, 16);
            x11 = x11.add(x15); x7 = x7.lanewise(XOR, x11).lanewise(ROL, 12);
            x3 = x3.add(x7); x15 = x15.lanewise(XOR, x3).lanewise(ROL, 8);
            x11 = x11.add(x15); x7 = x7.lanewise(XOR, x11).lanewise(ROL, 7);
            // Diagonal round.
            x0 = x0.add(x5); x15 = x15.lanewise(XOR, x0).lanewise(ROL, 16);
            x10 = x10.add(x15); x5 = x5.lanewise(XOR, x10).lanewise(ROL, 12);
            x0 = x0.add(x5); x15 = x15.lanewise(XOR, x0).lanewise(ROL, 8);
            x10 = x10.add(x15); x5 = x5.lanewise(XOR, x10).lanewise(ROL, 7);
            x1 = x1.add(x6); x12 = x12.lanewise(XOR, x1).lanewise(ROL, 16);
            x11 = x11.add(x12); x6 = x6.lanewise(XOR, x11).lanewise(ROL, 12);
            x1 = x1.add(x6); x12 = x12.lanewise(XOR, x1).lanewise(ROL, 8);
            x11 = x11.add(x12); x6 = x6.lanewise(XOR, x11).lanewise(ROL, 7);
            x2 = x2.add(x7); x13 = x13.lanewise(XOR, x2).lanewise(ROL, 16);
            x8 = x8.add(x13); x7 = x7.lanewise(XOR, x8).lanewise(ROL, 12);
            x2 = x2.add(x7); x13 = x13.lanewise(XOR, x2).lanewise(ROL, 8);
            x8 = x8.add(x13); x7 = x7.lanewise(XOR, x8).lanewise(ROL, 7);
            x3 = x3.add(x4); x14 = x14.lanewise(XOR, x3).lanewise(ROL, 16);
            x9 = x9.add(x14); x4 = x4.lanewise(XOR, x9).lanewise(ROL, 12);
            x3 = x3.add(x4); x14 = x14.lanewise(XOR, x3).lanewise(ROL, 8);
            x9 = x9.add(x14); x4 = x4.lanewise(XOR, x9).lanewise(ROL, 7);
        }
        x0.add(i0).intoArray(words, 0 * LANES);
        x1.add(i1).intoArray(words, 1 * LANES);
        x2.add(i2).intoArray(words, 2 * LANES);
        x3.add(i3).intoArray(words, 3 * LANES);
        x4.add(i4).intoArray(words, 4 * LANES);
        x5.add(i5).intoArray(words, 5 * LANES);
        x6.add(i6).intoArray(words, 6 * LANES);
        x7.add(i7).intoArray(words, 7 * LANES);
        x8.add(i8).intoArray(words, 8 * LANES);
        x9.add(i9).intoArray(words, 9 * LANES);
        x10.add(i10).intoArray(words, 10 * LANES);
        x11.add(i11).intoArray(words, 11 * LANES);
        x12.add(i12).intoArray(words, 12 * LANES);
        x13.add(i13).intoArray(words, 13 * LANES);
        x14.add(i14).intoArray(words, 14 * LANES);
        x15.add(i15).intoArray(words, 15 * LANES);
    }
}
