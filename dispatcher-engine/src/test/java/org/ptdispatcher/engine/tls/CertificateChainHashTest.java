package org.ptdispatcher.engine.tls;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateChainHashTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // Known answers computed with Python's hashlib, outside this code: sha256(b"a") and sha256(sha256(b"a") + sha256(b"b")).
    @Test
    void aChainOfOneIsTheSha256OfItsCertificate() {
        assertArrayEquals(HexFormat.of().parseHex("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"),
                CertificateChainHash.of(List.of(bytes("a"))));
    }

    @Test
    void eachFurtherCertificateIsFoldedIntoTheHashSoFar() {
        assertArrayEquals(HexFormat.of().parseHex("e5a01fee14e0ed5c48714f22180f25ad8365b53f9779f79dc4a3d7e93963f94a"),
                CertificateChainHash.of(List.of(bytes("a"), bytes("b"))));
    }

    @Test
    void anEmptyChainMatchesNoPinNotEvenAnEmptyOne() {
        assertFalse(CertificateChainHash.isPinned(CertificateChainHash.of(List.of()), List.of(new byte[0])));
    }

    @Test
    void aHashIsPinnedWhenAnyPinEqualsIt() {
        byte[] hash = CertificateChainHash.of(List.of(bytes("a")));
        assertTrue(CertificateChainHash.isPinned(hash, List.of(new byte[32], hash.clone())));
        assertFalse(CertificateChainHash.isPinned(hash, List.of(new byte[32])));
    }
}
