package org.ptdispatcher.engine.transport.shadow;

import java.util.Locale;
import java.util.Optional;

/**
 * The Shadowsocks 2022 methods (SIP022): the AEAD of an older cipher of ours, with a base64
 * pre-shared key of exactly its key length in place of a password, BLAKE3 session subkeys
 * ({@link ShadowKeys#sip022Subkey}) and the headers of {@link Sip022Stream}. The AEAD itself,
 * its nonce and its chunk sealing are those of {@link ShadowCipher}, so they live there once.
 */
public enum Sip022Method {
    BLAKE3_AES_128_GCM("2022-blake3-aes-128-gcm", ShadowCipher.AES_128_GCM),
    BLAKE3_AES_256_GCM("2022-blake3-aes-256-gcm", ShadowCipher.AES_256_GCM),
    BLAKE3_CHACHA20_POLY1305("2022-blake3-chacha20-poly1305", ShadowCipher.CHACHA20_IETF_POLY1305);

    private final String ssName;
    private final ShadowCipher aead;

    Sip022Method(String ssName, ShadowCipher aead) {
        this.ssName = ssName;
        this.aead = aead;
    }

    /** The name shadowsocks-rust and links use, e.g. {@code 2022-blake3-aes-256-gcm}. */
    public String ssName() {
        return ssName;
    }

    /** The AEAD that seals this method's chunks (its key and salt sizes are this method's). */
    public ShadowCipher aead() {
        return aead;
    }

    /** The PSK and the salt are both this long. */
    public int keySize() {
        return aead.keySize();
    }

    /** The method a name means (case-insensitive, '_' for '-'), if it is a 2022 one. */
    public static Optional<Sip022Method> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Sip022Method m : values()) {
            if (m.ssName.equals(n)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return ssName;
    }
}
