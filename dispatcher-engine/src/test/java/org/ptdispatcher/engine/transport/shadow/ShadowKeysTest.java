package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Known answers. EVP_BytesToKey and the subkeys were computed independently with Python's
 * hashlib and the cryptography package's HKDF; the HKDF-SHA1 vector is RFC 5869's test case 4.
 */
class ShadowKeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void evpBytesToKeyMatchesOpenSsl() {
        byte[] password = "barfoo!".getBytes(StandardCharsets.UTF_8);
        assertEquals("b3adc47839e047eb228870526dc8fc30", HEX.formatHex(ShadowKeys.evpBytesToKey(password, 16)));
        assertEquals("b3adc47839e047eb228870526dc8fc30b347287ffca3045dcea06b3fdf090acb",
                HEX.formatHex(ShadowKeys.evpBytesToKey(password, 32)));
    }

    @Test
    void passwordsAreUtf8() {
        assertEquals("60387d94d9a9eb16caadd2646ca049dd4aa2979d7fc06941a25cae6b00503bf1",
                HEX.formatHex(ShadowKeys.masterKey("пароль-p@ss", ShadowCipher.AES_256_GCM)));
    }

    @Test
    void hkdfSha1MatchesRfc5869TestCase4() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
        assertEquals("085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896",
                HEX.formatHex(ShadowKeys.hkdfSha1(ikm, salt, info, 42)));
    }

    @Test
    void sessionSubkeys() {
        byte[] master128 = ShadowKeys.masterKey("test-password", ShadowCipher.AES_128_GCM);
        assertEquals("de7e5eb8483fb8d975be1e4d1f7ac7c6", HEX.formatHex(ShadowKeys.subkey(master128, ShadowCodecTest.salt(16))));
        byte[] master256 = ShadowKeys.masterKey("test-password", ShadowCipher.AES_256_GCM);
        assertEquals("c21f67cfbacd416d3648f4038b6f41250fe1988b93e6d7ff91862c4bbc7ecf95",
                HEX.formatHex(ShadowKeys.subkey(master256, ShadowCodecTest.salt(32))));
    }
}
