package org.ptdispatcher.engine.crypto;

import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.engines.Salsa20Engine;

/** One block at a time, with BouncyCastle's Salsa20 and ChaCha cores. */
final class ScalarKeystream extends Keystream {
    private static final int BATCH = 8;

    private final int[] counted = new int[16];
    private final int[] block = new int[16];
    private final byte[] scratch = new byte[BATCH * BLOCK];

    ScalarKeystream(Core core) {
        super(core);
    }

    @Override
    public boolean vectorized() {
        return false;
    }

    @Override
    byte[] scratch() {
        return scratch;
    }

    @Override
    public void generate(int[] input, long firstBlock, int blocks, byte[] out, int offset) {
        System.arraycopy(input, 0, counted, 0, 16);
        for (int b = 0; b < blocks; b++) {
            long counter = firstBlock + b;
            if (core() == Core.SALSA20) {
                counted[8] = (int) counter;
                counted[9] = (int) (counter >>> 32);
                Salsa20Engine.salsaCore(20, counted, block);
            } else {
                counted[12] = (int) counter;
                ChaChaEngine.chachaCore(20, counted, block);
            }
            int at = offset + b * BLOCK;
            for (int i = 0; i < 16; i++) {
                INT_LE.set(out, at + 4 * i, block[i]);
            }
        }
    }
}
