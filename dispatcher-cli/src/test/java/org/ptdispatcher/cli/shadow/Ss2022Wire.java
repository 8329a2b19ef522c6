package org.ptdispatcher.cli.shadow;

import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Blake3Parameters;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Shadowsocks 2022 (SIP022) TCP written from the spec for the tests, sharing no code with the
 * engine's: the JDK's own AES-GCM and ChaCha20-Poly1305 {@link Cipher}s and BouncyCastle's
 * BLAKE3, one chunk at a time, on a counting little-endian nonce.
 */
final class Ss2022Wire {
    private static final SecureRandom RANDOM = new SecureRandom();

    final String method;
    final byte[] psk;
    private final boolean chacha;

    Ss2022Wire(String method, byte[] psk) {
        this.method = method;
        this.psk = psk.clone();
        this.chacha = method.contains("chacha20");
    }

    int saltSize() {
        return psk.length;
    }

    byte[] newSalt() {
        byte[] salt = new byte[psk.length];
        RANDOM.nextBytes(salt);
        return salt;
    }

    static byte[] subkey(byte[] psk, byte[] salt) {
        Blake3Digest d = new Blake3Digest(256);
        d.init(Blake3Parameters.context("shadowsocks 2022 session subkey".getBytes(StandardCharsets.US_ASCII)));
        d.update(psk, 0, psk.length);
        d.update(salt, 0, salt.length);
        byte[] out = new byte[psk.length];
        d.doFinal(out, 0, out.length);
        return out;
    }

    /** One direction: seals or opens chunks under the subkey of {@code salt}. */
    final class Direction {
        private final SecretKeySpec key;
        private final byte[] nonce = new byte[12];

        Direction(byte[] salt) {
            key = new SecretKeySpec(subkey(psk, salt), chacha ? "ChaCha20" : "AES");
        }

        byte[] seal(byte[] plain) {
            return run(Cipher.ENCRYPT_MODE, plain);
        }

        byte[] open(byte[] sealed) {
            return run(Cipher.DECRYPT_MODE, sealed);
        }

        /** Reads one sealed chunk of {@code plainLength} bytes from {@code in} and opens it. */
        byte[] read(InputStream in, int plainLength) throws IOException {
            byte[] sealed = new byte[plainLength + 16];
            new DataInputStream(in).readFully(sealed);
            return open(sealed);
        }

        private byte[] run(int mode, byte[] input) {
            try {
                Cipher c = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
                c.init(mode, key, chacha ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce));
                byte[] out = c.doFinal(input);
                for (int i = 0; i < nonce.length && ++nonce[i] == 0; i++) {
                    // carry
                }
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] u64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** A whole request stream: salt, fixed header with {@code timestamp}, variable header (address, no padding, {@code payload}). */
    byte[] request(byte[] salt, long timestamp, byte[] address, byte[] payload) {
        Direction d = new Direction(salt);
        byte[] variable = concat(address, u16(0), payload);
        return concat(salt, d.seal(concat(new byte[] {0}, u64(timestamp), u16(variable.length))), d.seal(variable));
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
