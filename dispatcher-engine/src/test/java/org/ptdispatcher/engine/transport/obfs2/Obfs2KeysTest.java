package org.ptdispatcher.engine.transport.obfs2;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * obfs2's key derivation against values computed outside this code (Python's SHA-256, OpenSSL's
 * AES-128-CTR) from the definitions in obfs2's spec and obfs4proxy's {@code transports/obfs2}:
 * MAC(s, x) = SHA-256(s | x | s), key = its first 16 bytes, IV = its last 16.
 */
class Obfs2KeysTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SEED = HEX.parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void macIsSha256OfTheStringTheSeedAndTheStringAgain() {
        assertEquals("0b2704f5574bf47ea12421f88026a3fa7bf4ac4c83cc6b6d1b714f290317ca33",
                HEX.formatHex(Obfs2Keys.mac(Obfs2Keys.INITIATOR_PAD, SEED)));
    }

    @Test
    void aCipherIsAes128CtrKeyedWithTheMacsFirstHalfFromItsSecondHalf() {
        byte[] keystream = Obfs2Keys.cipher(Obfs2Keys.INITIATOR_PAD, SEED).update(new byte[32]);
        assertEquals("04e17b09117a7bff2782adade7f13a1f0fbe994a421a2f2213a0e849ee42efc7", HEX.formatHex(keystream));
    }
}
