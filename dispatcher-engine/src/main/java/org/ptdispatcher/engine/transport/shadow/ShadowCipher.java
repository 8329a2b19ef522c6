package org.ptdispatcher.engine.transport.shadow;

import java.util.Locale;
import java.util.Optional;

/**
 * The Shadowsocks AEAD ciphers this transport speaks (SIP004, SIP007), with their sizes. Names
 * are matched case-insensitively, with or without the {@code AEAD_} prefix, in either spelling:
 * {@code aes-256-gcm}, {@code AES-256-GCM}, {@code AEAD_AES_256_GCM}; for ChaCha20 also
 * {@code chacha20-poly1305} and {@code AEAD_CHACHA20_POLY1305}.
 */
public enum ShadowCipher {
    AES_128_GCM("aes-128-gcm", "AEAD_AES_128_GCM", 16, "AES/GCM/NoPadding", "AES"),
    AES_256_GCM("aes-256-gcm", "AEAD_AES_256_GCM", 32, "AES/GCM/NoPadding", "AES"),
    CHACHA20_IETF_POLY1305("chacha20-ietf-poly1305", "AEAD_CHACHA20_POLY1305", 32, "ChaCha20-Poly1305", "ChaCha20");

    /** Every AEAD cipher here has a 12-byte nonce and a 16-byte tag. */
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;

    private final String ssName;
    private final String ianaName;
    private final int keySize;
    private final String transformation;
    private final String keyAlgorithm;

    ShadowCipher(String ssName, String ianaName, int keySize, String transformation, String keyAlgorithm) {
        this.ssName = ssName;
        this.ianaName = ianaName;
        this.keySize = keySize;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The name shadowsocks-libev and SIP002 links use, e.g. {@code aes-256-gcm}. */
    public String ssName() {
        return ssName;
    }

    /** The IANA-style name of the Shadowsocks spec, e.g. {@code AEAD_AES_256_GCM}. */
    public String ianaName() {
        return ianaName;
    }

    public int keySize() {
        return keySize;
    }

    /** The salt is as long as the key. */
    public int saltSize() {
        return keySize;
    }

    String transformation() {
        return transformation;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The cipher a name means, if it is one of ours. */
    public static Optional<ShadowCipher> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.startsWith("aead-")) {
            n = n.substring("aead-".length());
        }
        switch (n) {
            case "aes-128-gcm":
                return Optional.of(AES_128_GCM);
            case "aes-256-gcm":
                return Optional.of(AES_256_GCM);
            case "chacha20-ietf-poly1305":
            case "chacha20-poly1305":
                return Optional.of(CHACHA20_IETF_POLY1305);
            default:
                return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return ssName;
    }
}
