package org.ptdispatcher.engine.transport.obfs2;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * obfs2's key derivation: MAC(s, x) = SHA-256(s | x | s); a key is its first 16 bytes and the
 * AES-128-CTR IV its last 16. Every cipher is AES-128 in CTR mode with a 128-bit big-endian
 * counter (what Go's {@code cipher.NewCTR} and the JDK's {@code AES/CTR/NoPadding} both do).
 */
final class Obfs2Keys {
    static final String INITIATOR_PAD = "Initiator obfuscation padding";
    static final String RESPONDER_PAD = "Responder obfuscation padding";
    static final String INITIATOR_DATA = "Initiator obfuscated data";
    static final String RESPONDER_DATA = "Responder obfuscated data";

    private Obfs2Keys() {
    }

    static byte[] mac(String s, byte[] x) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] magic = s.getBytes(StandardCharsets.US_ASCII);
            sha256.update(magic);
            sha256.update(x);
            sha256.update(magic);
            return sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** An AES-128-CTR cipher keyed with MAC(magic, seed). */
    static Cipher cipher(String magic, byte[] seed) {
        byte[] m = mac(magic, seed);
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOf(m, 16), "AES"), new IvParameterSpec(Arrays.copyOfRange(m, 16, 32)));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is missing from this Java runtime", e);
        }
    }
}
