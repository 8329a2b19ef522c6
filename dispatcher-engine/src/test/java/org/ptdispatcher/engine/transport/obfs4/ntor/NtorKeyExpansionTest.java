package org.ptdispatcher.engine.transport.obfs4.ntor;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** obfs4's key expansion is HKDF-SHA256 with ntor's salt and info: checked against BouncyCastle's HKDF. */
class NtorKeyExpansionTest {

    @Test
    void expandKeysIsHkdfSha256WithTKeyAndMExpand() {
        byte[] salt = "ntor-curve25519-sha256-1:key_extract".getBytes(StandardCharsets.US_ASCII);
        byte[] info = "ntor-curve25519-sha256-1:key_expand".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(5869);
        for (int length : new int[] {1, 31, 32, 33, 2 * Obfs4Framing.KEY_MATERIAL_LENGTH, 255}) {
            byte[] keySeed = new byte[Ntor.KEY_SEED_LENGTH];
            random.nextBytes(keySeed);
            HKDFBytesGenerator reference = new HKDFBytesGenerator(new SHA256Digest());
            reference.init(new HKDFParameters(keySeed, salt, info));
            byte[] expected = new byte[length];
            reference.generateBytes(expected, 0, length);
            assertArrayEquals(expected, Ntor.expandKeys(keySeed, length), "length " + length);
        }
    }
}
