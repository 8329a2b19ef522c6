package org.ptdispatcher.engine.transport.shadow;

import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Blake3Parameters;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Shadowsocks key derivation: the master key from a password with OpenSSL's
 * {@code EVP_BytesToKey} (MD5, one iteration, no salt), and the per-session subkey with
 * HKDF-SHA1 (RFC 5869) over the stream's salt with info {@code "ss-subkey"}. For the 2022
 * methods (SIP022 section 2) the key is given, base64, and a session's subkey is BLAKE3's
 * {@code derive_key} over key and salt.
 */
public final class ShadowKeys {
    private static final byte[] SUBKEY_INFO = "ss-subkey".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIP022_CONTEXT = "shadowsocks 2022 session subkey".getBytes(StandardCharsets.US_ASCII);

    private ShadowKeys() {
    }

    /** {@code EVP_BytesToKey(MD5, no salt, password, count=1)}: the first {@code keySize} bytes of MD5(p) || MD5(MD5(p) || p) || ... */
    public static byte[] evpBytesToKey(byte[] password, int keySize) {
        MessageDigest md5 = digest("MD5");
        byte[] key = new byte[keySize];
        byte[] previous = new byte[0];
        int filled = 0;
        while (filled < keySize) {
            md5.reset();
            md5.update(previous);
            md5.update(password);
            previous = md5.digest();
            int n = Math.min(previous.length, keySize - filled);
            System.arraycopy(previous, 0, key, filled, n);
            filled += n;
        }
        return key;
    }

    /** The master key for a password (UTF-8) and cipher. */
    public static byte[] masterKey(String password, ShadowCipher cipher) {
        return evpBytesToKey(password.getBytes(StandardCharsets.UTF_8), cipher.keySize());
    }

    /** HKDF-SHA1 (RFC 5869): extract with {@code salt}, expand with {@code info} to {@code length} bytes. */
    public static byte[] hkdfSha1(byte[] inputKey, byte[] salt, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            byte[] extractKey = salt.length == 0 ? new byte[20] : salt;
            mac.init(new SecretKeySpec(extractKey, "HmacSHA1"));
            byte[] prk = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA1"));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            int filled = 0;
            for (int counter = 1; filled < length; counter++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) counter);
                t = mac.doFinal();
                int n = Math.min(t.length, length - filled);
                System.arraycopy(t, 0, out, filled, n);
                filled += n;
            }
            Arrays.fill(prk, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this Java runtime", e);
        }
    }

    /** The session subkey of one direction of a stream: HKDF-SHA1(master key, salt, "ss-subkey"). */
    public static byte[] subkey(byte[] masterKey, byte[] salt) {
        return hkdfSha1(masterKey, salt, SUBKEY_INFO, masterKey.length);
    }

    /**
     * A 2022 method's pre-shared key: base64 (standard alphabet, padding optional) of exactly the
     * method's key length. Never a password stretched into a key: SIP022 2.1 forbids it.
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating the key
     */
    public static byte[] sip022Psk(String base64, Sip022Method method) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(method.ssName() + " needs a key in base64 (openssl rand -base64 "
                    + method.keySize() + "), not a password; this is not base64");
        }
        if (key.length != method.keySize()) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException(method.ssName() + " needs a key of " + method.keySize()
                    + " bytes in base64 (openssl rand -base64 " + method.keySize() + "); this one is " + length + " bytes");
        }
        return key;
    }

    /** SIP022 2.2: {@code blake3::derive_key("shadowsocks 2022 session subkey", psk || salt)}, as long as the key. */
    public static byte[] sip022Subkey(byte[] psk, byte[] salt) {
        Blake3Digest blake3 = new Blake3Digest(psk.length * 8);
        blake3.init(Blake3Parameters.context(SIP022_CONTEXT));
        blake3.update(psk, 0, psk.length);
        blake3.update(salt, 0, salt.length);
        byte[] subkey = new byte[psk.length];
        // BLAKE3's output is extendable: any length is a prefix of the same stream, as derive_key's 32 bytes cut short.
        blake3.doFinal(subkey, 0, subkey.length);
        return subkey;
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " is missing from this Java runtime", e);
        }
    }
}
