package org.ptdispatcher.cli.shadow;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A second, deliberately plain implementation of the Shadowsocks AEAD stream, written from the
 * spec for the tests alone (independent of the engine's codec): it lets a test play a client
 * that sends exactly the bytes it wants, right or wrong, and read what the server answers.
 */
final class SsWire {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String cipherName;
    private final byte[] masterKey;

    SsWire(String cipherName, String password) {
        this.cipherName = cipherName;
        this.masterKey = evpBytesToKey(password.getBytes(StandardCharsets.UTF_8), keySize());
    }

    int keySize() {
        return cipherName.equals("aes-128-gcm") ? 16 : 32;
    }

    byte[] newSalt() {
        byte[] salt = new byte[keySize()];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** The SOCKS-style address header for an IPv4 address. */
    static byte[] ipv4Header(byte[] ip, int port) {
        return new byte[] {1, ip[0], ip[1], ip[2], ip[3], (byte) (port >>> 8), (byte) port};
    }

    /** The sending side of one stream. */
    Sealer sealer(byte[] salt) {
        return new Sealer(salt);
    }

    /** The receiving side of one stream. */
    Opener opener() {
        return new Opener();
    }

    final class Sealer {
        private final byte[] salt;
        private final byte[] subkey;
        private long nonce;
        private boolean saltSent;

        private Sealer(byte[] salt) {
            this.salt = salt.clone();
            this.subkey = hkdfSha1(masterKey, salt, keySize());
        }

        /** The wire bytes for {@code plaintext} (the salt first on the first call), in chunks of at most 0x3FFF. */
        byte[] seal(byte[] plaintext) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!saltSent) {
                out.writeBytes(salt);
                saltSent = true;
            }
            for (int at = 0; at < plaintext.length; at += 0x3FFF) {
                int n = Math.min(0x3FFF, plaintext.length - at);
                out.writeBytes(sealLength(n));
                out.writeBytes(aead(Cipher.ENCRYPT_MODE, subkey, nonce++, Arrays.copyOfRange(plaintext, at, at + n)));
            }
            return out.toByteArray();
        }

        /** A sealed length field of any value, even a forbidden one. */
        byte[] sealLength(int length) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!saltSent) {
                out.writeBytes(salt);
                saltSent = true;
            }
            out.writeBytes(aead(Cipher.ENCRYPT_MODE, subkey, nonce++, new byte[] {(byte) (length >>> 8), (byte) length}));
            return out.toByteArray();
        }
    }

    final class Opener {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private byte[] subkey;
        private long nonce;
        private int payloadLength = -1;

        /** Feeds wire bytes; returns the plaintext of every chunk now whole. */
        byte[] open(byte[] wire) {
            pending.writeBytes(wire);
            byte[] buffer = pending.toByteArray();
            int at = 0;
            ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
            while (true) {
                if (subkey == null) {
                    if (buffer.length - at < keySize()) {
                        break;
                    }
                    subkey = hkdfSha1(masterKey, Arrays.copyOfRange(buffer, at, at + keySize()), keySize());
                    at += keySize();
                } else if (payloadLength < 0) {
                    if (buffer.length - at < 18) {
                        break;
                    }
                    byte[] length = aead(Cipher.DECRYPT_MODE, subkey, nonce++, Arrays.copyOfRange(buffer, at, at + 18));
                    payloadLength = ((length[0] & 0xff) << 8) | (length[1] & 0xff);
                    at += 18;
                } else {
                    if (buffer.length - at < payloadLength + 16) {
                        break;
                    }
                    plaintext.writeBytes(aead(Cipher.DECRYPT_MODE, subkey, nonce++, Arrays.copyOfRange(buffer, at, at + payloadLength + 16)));
                    at += payloadLength + 16;
                    payloadLength = -1;
                }
            }
            pending.reset();
            pending.write(buffer, at, buffer.length - at);
            return plaintext.toByteArray();
        }
    }

    private byte[] aead(int mode, byte[] key, long counter, byte[] input) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[i] = (byte) (counter >>> (8 * i));
        }
        try {
            Cipher cipher;
            if (cipherName.startsWith("chacha20")) {
                cipher = Cipher.getInstance("ChaCha20-Poly1305");
                cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            } else {
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            }
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD failed: " + e, e);
        }
    }

    static byte[] evpBytesToKey(byte[] password, int size) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] previous = new byte[0];
            while (out.size() < size) {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                md5.update(previous);
                md5.update(password);
                previous = md5.digest();
                out.writeBytes(previous);
            }
            return Arrays.copyOf(out.toByteArray(), size);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hkdfSha1(byte[] key, byte[] salt, int size) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] prk = mac.doFinal(key);
            mac.init(new SecretKeySpec(prk, "HmacSHA1"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] t = new byte[0];
            for (int i = 1; out.size() < size; i++) {
                mac.update(t);
                mac.update("ss-subkey".getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) i);
                t = mac.doFinal();
                out.writeBytes(t);
            }
            return Arrays.copyOf(out.toByteArray(), size);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
