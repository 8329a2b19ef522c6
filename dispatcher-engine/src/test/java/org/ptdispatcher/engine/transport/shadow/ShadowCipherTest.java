package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShadowCipherTest {
    @Test
    void namesInEverySpelling() {
        for (String name : new String[] {"aes-128-gcm", "AES-128-GCM", "AEAD_AES_128_GCM", "aead_aes_128_gcm", " Aes_128_Gcm "}) {
            assertEquals(Optional.of(ShadowCipher.AES_128_GCM), ShadowCipher.parse(name), name);
        }
        for (String name : new String[] {"aes-256-gcm", "AES-256-GCM", "AEAD_AES_256_GCM"}) {
            assertEquals(Optional.of(ShadowCipher.AES_256_GCM), ShadowCipher.parse(name), name);
        }
        for (String name : new String[] {"chacha20-ietf-poly1305", "CHACHA20-IETF-POLY1305", "AEAD_CHACHA20_POLY1305", "chacha20-poly1305"}) {
            assertEquals(Optional.of(ShadowCipher.CHACHA20_IETF_POLY1305), ShadowCipher.parse(name), name);
        }
    }

    @Test
    void otherNamesAreRefused() {
        for (String name : new String[] {"", "rc4-md5", "aes-192-gcm", "2022-blake3-aes-256-gcm", "AEAD_", "xchacha20-ietf-poly1305"}) {
            assertEquals(Optional.empty(), ShadowCipher.parse(name), name);
        }
        assertEquals(Optional.empty(), ShadowCipher.parse(null));
    }

    @Test
    void sizes() {
        assertEquals(16, ShadowCipher.AES_128_GCM.saltSize());
        assertEquals(32, ShadowCipher.AES_256_GCM.keySize());
        assertEquals(32, ShadowCipher.CHACHA20_IETF_POLY1305.saltSize());
    }
}
