package org.ptdispatcher.bench.poly1305;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The parts of a Poly1305 that do not depend on the limb layout (buffering a partial block), for
 * comparing layouts against {@link org.ptdispatcher.engine.crypto.Poly1305} (radix 2^64).
 */
public abstract class Poly1305Candidate {
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] partial = new byte[16];
    private int partialLength;

    public final void init(byte[] key, int keyOffset) {
        setKey(key, keyOffset);
        partialLength = 0;
    }

    public final void update(byte[] in, int offset, int length) {
        if (partialLength > 0) {
            int n = Math.min(16 - partialLength, length);
            System.arraycopy(in, offset, partial, partialLength, n);
            partialLength += n;
            offset += n;
            length -= n;
            if (partialLength < 16) {
                return;
            }
            blocks(partial, 0, 1, 1);
            partialLength = 0;
        }
        int whole = length & -16;
        if (whole > 0) {
            blocks(in, offset, whole / 16, 1);
        }
        partialLength = length - whole;
        System.arraycopy(in, offset + whole, partial, 0, partialLength);
    }

    public final void doFinal(byte[] out, int outOffset) {
        if (partialLength > 0) {
            partial[partialLength] = 1;
            Arrays.fill(partial, partialLength + 1, 16, (byte) 0);
            blocks(partial, 0, 1, 0);
            partialLength = 0;
        }
        finish(out, outOffset);
    }

    /** Sets r (clamped) and s, and h = 0. */
    abstract void setKey(byte[] key, int keyOffset);

    /** h = (h + block + pad 2^128) r mod p (partly reduced), for count blocks. */
    abstract void blocks(byte[] in, int offset, int count, long pad);

    /** Writes (h mod p + s) mod 2^128. */
    abstract void finish(byte[] out, int outOffset);
}
