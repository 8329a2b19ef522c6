package org.ptdispatcher.engine.fuzz;

import java.util.Arrays;

/**
 * A fuzz input read front to back as small numbers and byte strings, past its end as zeros.
 * Unlike Jazzer's FuzzedDataProvider, whose encoding is its own, seed files for it can be written
 * by hand: each target's comment says what its bytes mean.
 */
public final class FuzzInput {
    private final byte[] input;
    private int at;

    public FuzzInput(byte[] input) {
        this.input = input;
    }

    /** The next byte, 0 to 255. */
    public int u8() {
        return at < input.length ? input[at++] & 0xff : 0;
    }

    /** The next two bytes, big-endian, 0 to 65535. */
    public int u16() {
        return (u8() << 8) | u8();
    }

    /** The next {@code n} bytes, fewer if the input ends first. */
    public byte[] bytes(int n) {
        int end = Math.min(input.length, at + n);
        byte[] out = Arrays.copyOfRange(input, Math.min(at, end), end);
        at = end;
        return out;
    }

    /** Whether every byte has been read. */
    public boolean atEnd() {
        return at >= input.length;
    }

    /** Everything not yet read. */
    public byte[] rest() {
        return bytes(Math.max(0, input.length - at));
    }
}
