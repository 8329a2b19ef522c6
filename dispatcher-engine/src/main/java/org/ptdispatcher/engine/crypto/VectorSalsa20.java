package org.ptdispatcher.engine.crypto;

import jdk.incubator.vector.IntVector;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

/**
 * Salsa20/20 on {@link #LANES} blocks at once.
 * Lane j of vector x<i>i</i> holds word <i>i</i> of block {@code counter + j}, so the rounds are
 * the textbook ones, written out by hand on vectors, one line per step of the spec's
 * quarter-round. A wrong line is caught by {@code KeystreamTest}, which compares every lane with
 * the scalar core for batches of 1 to 26 blocks.
 */
final class VectorSalsa20 extends VectorKeystream {
    VectorSalsa20() {
        super(Core.SALSA20);
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
        IntVector i8 = counterLow(counter);
        IntVector i9 = counterHigh(counter);
        IntVector i10 = IntVector.broadcast(SPECIES, input[10]);
        IntVector i11 = IntVector.broadcast(SPECIES, input[11]);
        IntVector i12 = IntVector.broadcast(SPECIES, input[12]);
        IntVector i13 = IntVector.broadcast(SPECIES, input[13]);
        IntVector i14 = IntVector.broadcast(SPECIES, input[14]);
        IntVector i15 = IntVector.broadcast(SPECIES, input[15]);
        IntVector x0 = i0, x1 = i1, x2 = i2, x3 = i3, x4 = i4, x5 = i5, x6 = i6, x7 = i7, x8 = i8, x9 = i9, x10 = i10, x11 = i11, x12 = i12, x13 = i13, x14 = i14, x15 = i15;
        for (int doubleRound = 0; doubleRound < 10; doubleRound++) {
            // Column round.
            x4 = x4.lanewise(XOR, x0.add(x12).lanewise(ROL, 7));
            x8 = x8.lanewise(XOR, x4.add(x0).lanewise(ROL, 9));
            x12 = x12.lanewise(XOR, x8.add(x4).lanewise(ROL, 13));
            x0 = x0.lanewise(XOR, x12.add(x8).lanewise(ROL, 18));
            x9 = x9.lanewise(XOR, x5.add(x1).lanewise(ROL, 7));
            x13 = x13.lanewise(XOR, x9.add(x5).lanewise(ROL, 9));
            x1 = x1.lanewise(XOR, x13.add(x9).lanewise(ROL, 13));
            x5 = x5.lanewise(XOR, x1.add(x13).lanewise(ROL, 18));
            x14 = x14.lanewise(XOR, x10.add(x6).lanewise(ROL, 7));
            x2 = x2.lanewise(XOR, x14.add(x10).lanewise(ROL, 9));
            x6 = x6.lanewise(XOR, x2.add(x14).lanewise(ROL, 13));
            x10 = x10.lanewise(XOR, x6.add(x2).lanewise(ROL, 18));
            x3 = x3.lanewise(XOR, x15.add(x11).lanewise(ROL, 7));
            x7 = x7.lanewise(XOR, x3.add(x15).lanewise(ROL, 9));
            x11 = x11.lanewise(XOR, x7.add(x3).lanewise(ROL, 13));
            x15 = x15.lanewise(XOR, x11.add(x7).lanewise(ROL, 18));
            // Row round.
            x1 = x1.lanewise(XOR, x0.add(x3).lanewise(ROL, 7));
            x2 = x2.lanewise(XOR, x1.add(x0).lanewise(ROL, 9));
            x3 = x3.lanewise(XOR, x2.add(x1).lanewise(ROL, 13));
            x0 = x0.lanewise(XOR, x3.add(x2).lanewise(ROL, 18));
            x6 = x6.lanewise(XOR, x5.add(x4).lanewise(ROL, 7));
            x7 = x7.lanewise(XOR, x6.add(x5).lanewise(ROL, 9));
            x4 = x4.lanewise(XOR, x7.add(x6).lanewise(ROL, 13));
            x5 = x5.lanewise(XOR, x4.add(x7).lanewise(ROL, 18));
            x11 = x11.lanewise(XOR, x10.add(x9).lanewise(ROL, 7));
            x8 = x8.lanewise(XOR, x11.add(x10).lanewise(ROL, 9));
            x9 = x9.lanewise(XOR, x8.add(x11).lanewise(ROL, 13));
            x10 = x10.lanewise(XOR, x9.add(x8).lanewise(ROL, 18));
            x12 = x12.lanewise(XOR, x15.add(x14).lanewise(ROL, 7));
            x13 = x13.lanewise(XOR, x12.add(x15).lanewise(ROL, 9));
            x14 = x14.lanewise(XOR, x13.add(x12).lanewise(ROL, 13));
            x15 = x15.lanewise(XOR, x14.add(x13).lanewise(ROL, 18));
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
