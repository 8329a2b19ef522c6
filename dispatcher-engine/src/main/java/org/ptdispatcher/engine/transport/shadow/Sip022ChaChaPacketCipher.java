package org.ptdispatcher.engine.transport.shadow;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.XChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * The UDP sealing of 2022-blake3-chacha20-poly1305 (SIP022 4.1): a random 24-byte nonce, then
 * {@code [session id][u64 packet id][body]} sealed with XChaCha20-Poly1305 under the pre-shared
 * key itself. A 24-byte nonce is long enough to draw at random for every packet without fear of
 * a repeat, so this method needs neither a separate header nor per-session subkeys.
 *
 * <p>BouncyCastle's {@link XChaCha20Poly1305} does the HChaCha20 step; our own
 * {@link ChaCha20Poly1305Aead} is faster but built for one key per stream, and here the key
 * changes with every packet's nonce. Not thread-safe: one event loop's.
 */
final class Sip022ChaChaPacketCipher implements Sip022PacketCipher {
    static final int NONCE_SIZE = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyParameter pskKey;
    private final Consumer<byte[]> nonces;

    Sip022ChaChaPacketCipher(byte[] psk) {
        this(psk, RANDOM::nextBytes);
    }

    /** For tests: {@code nonces} fills each packet's nonce in place of the random source. */
    Sip022ChaChaPacketCipher(byte[] psk, Consumer<byte[]> nonces) {
        this.pskKey = new KeyParameter(psk.clone());
        this.nonces = nonces;
    }

    /** The id alone: this method seals every session's packets with the PSK, so there is nothing to derive or keep. */
    @Override
    public Sip022SessionKey key(long sessionId) {
        return new Sip022SessionKey(sessionId, null);
    }

    @Override
    public byte[] seal(Sip022SessionKey key, long packetId, byte[] body) {
        byte[] nonce = new byte[NONCE_SIZE];
        nonces.accept(nonce);
        byte[] plain = new byte[2 * ID_SIZE + body.length];
        Sip022PacketCipher.putLong(key.sessionId(), plain, 0);
        Sip022PacketCipher.putLong(packetId, plain, ID_SIZE);
        System.arraycopy(body, 0, plain, 2 * ID_SIZE, body.length);
        byte[] datagram = new byte[NONCE_SIZE + plain.length + ShadowCipher.TAG_SIZE];
        System.arraycopy(nonce, 0, datagram, 0, NONCE_SIZE);
        // A fresh instance per packet: BouncyCastle refuses to re-initialise an encrypting one with its last nonce.
        XChaCha20Poly1305 aead = new XChaCha20Poly1305();
        aead.init(true, new ParametersWithIV(pskKey, nonce));
        int written = aead.processBytes(plain, 0, plain.length, datagram, NONCE_SIZE);
        try {
            aead.doFinal(datagram, NONCE_SIZE + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("XChaCha20-Poly1305 seal failed", e);
        }
        return datagram;
    }

    @Override
    public Opened open(byte[] datagram, Keys known) throws Sip022PacketException {
        if (datagram.length < NONCE_SIZE + ShadowCipher.TAG_SIZE) {
            throw new Sip022PacketException(Sip022PacketException.Reason.TOO_SHORT,
                    "a packet of " + datagram.length + " bytes, shorter than a nonce and a tag");
        }
        byte[] nonce = new byte[NONCE_SIZE];
        System.arraycopy(datagram, 0, nonce, 0, NONCE_SIZE);
        XChaCha20Poly1305 aead = new XChaCha20Poly1305();
        aead.init(false, new ParametersWithIV(pskKey, nonce));
        byte[] plain = new byte[datagram.length - NONCE_SIZE - ShadowCipher.TAG_SIZE];
        try {
            int written = aead.processBytes(datagram, NONCE_SIZE, datagram.length - NONCE_SIZE, plain, 0);
            aead.doFinal(plain, written);
        } catch (InvalidCipherTextException e) {
            throw new Sip022PacketException(Sip022PacketException.Reason.NOT_AUTHENTIC,
                    "packet did not authenticate (wrong key or method, or not Shadowsocks)");
        }
        if (plain.length < 2 * ID_SIZE) {
            throw new Sip022PacketException(Sip022PacketException.Reason.MALFORMED, "body ends inside the session and packet ids");
        }
        byte[] body = new byte[plain.length - 2 * ID_SIZE];
        System.arraycopy(plain, 2 * ID_SIZE, body, 0, body.length);
        long sessionId = Sip022PacketCipher.getLong(plain, 0);
        Sip022SessionKey key = known.known(sessionId);
        return new Opened(key != null ? key : key(sessionId), Sip022PacketCipher.getLong(plain, ID_SIZE), body);
    }
}
