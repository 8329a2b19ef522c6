package org.ptdispatcher.engine.transport.obfs4.drbg;

import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SipHash "OFB" DRBG: each block is BouncyCastle's SipHash-2-4 of the IV and all blocks before it. */
class HashDrbgTest {
    @Test
    void blocksAreSipHashOfEverythingBefore() {
        byte[] seed = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f" + "1011121314151617");
        HashDrbg drbg = new HashDrbg(seed);
        ByteArrayOutputStream history = new ByteArrayOutputStream();
        history.write(seed, 16, 8);
        for (int i = 0; i < 40; i++) {
            SipHash sip = new SipHash(2, 4);
            sip.init(new KeyParameter(Arrays.copyOf(seed, 16)));
            byte[] all = history.toByteArray();
            sip.update(all, 0, all.length);
            long expected = sip.doFinal();
            long block = drbg.nextBlock();
            assertEquals(expected, block, "block " + i);
            for (int b = 0; b < 8; b++) {
                history.write((int) (block >>> (8 * b)));
            }
        }
    }

    @Test
    void lengthMaskIsTheFirstTwoBlockBytesBigEndian() {
        byte[] seed = new byte[24];
        HashDrbg a = new HashDrbg(seed);
        HashDrbg b = new HashDrbg(seed);
        long block = a.nextBlock();
        assertEquals((int) (((block & 0xff) << 8) | ((block >>> 8) & 0xff)), b.nextLengthMask());
    }
}
