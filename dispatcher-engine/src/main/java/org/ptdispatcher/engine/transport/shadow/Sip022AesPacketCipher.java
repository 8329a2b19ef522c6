package org.ptdispatcher.engine.transport.shadow;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The UDP sealing of the AES methods (SIP022 3.2.1): the 16-byte separate header
 * {@code [session id][u64 packet id]} is one AES block, encrypted alone (ECB) under the
 * pre-shared key, so the ids stay hidden without a nonce of their own; the body is sealed with
 * AES-GCM under the session's subkey ({@link ShadowKeys#sip022Subkey} over the session id, as
 * a stream's over its salt), with the separate header's last 12 bytes as nonce, which a packet id
 * that only counts up keeps unique within the session.
 *
 * <p>The subkey is derived by {@link #key} and kept per session by the session tables; a packet
 * of a session they do not know is opened with a subkey derived for it alone, which they keep only
 * once the packet has passed every check. Not thread-safe: the JCA ciphers are one event loop's.
 */
final class Sip022AesPacketCipher implements Sip022PacketCipher {
    static final int SEPARATE_HEADER_SIZE = 2 * ID_SIZE;
    /** The separate header's bytes from here on are the body's nonce. */
    private static final int NONCE_OFFSET = SEPARATE_HEADER_SIZE - ShadowCipher.NONCE_SIZE;

    private final Sip022Method method;
    private final byte[] psk;
    private final SecretKeySpec headerKey;
    private final Cipher block;
    private final Cipher body;

    Sip022AesPacketCipher(Sip022Method method, byte[] psk) {
        this.method = method;
        this.psk = psk.clone();
        this.headerKey = new SecretKeySpec(psk, method.aead().keyAlgorithm());
        try {
            this.block = Cipher.getInstance("AES/ECB/NoPadding");
            this.body = Cipher.getInstance(method.aead().transformation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is missing from this Java runtime", e);
        }
    }

    @Override
    public Sip022SessionKey key(long sessionId) {
        byte[] id = new byte[ID_SIZE];
        Sip022PacketCipher.putLong(sessionId, id, 0);
        byte[] subkey = ShadowKeys.sip022Subkey(psk, id);
        SecretKeySpec key = new SecretKeySpec(subkey, method.aead().keyAlgorithm());
        Arrays.fill(subkey, (byte) 0);
        return new Sip022SessionKey(sessionId, key);
    }

    @Override
    public byte[] seal(Sip022SessionKey key, long packetId, byte[] plain) {
        byte[] separate = new byte[SEPARATE_HEADER_SIZE];
        Sip022PacketCipher.putLong(key.sessionId(), separate, 0);
        Sip022PacketCipher.putLong(packetId, separate, ID_SIZE);
        byte[] datagram = new byte[SEPARATE_HEADER_SIZE + plain.length + ShadowCipher.TAG_SIZE];
        try {
            block.init(Cipher.ENCRYPT_MODE, headerKey);
            block.doFinal(separate, 0, SEPARATE_HEADER_SIZE, datagram, 0);
            body.init(Cipher.ENCRYPT_MODE, key.subkey(), nonce(separate));
            body.doFinal(plain, 0, plain.length, datagram, SEPARATE_HEADER_SIZE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES seal failed", e);
        }
        return datagram;
    }

    @Override
    public Opened open(byte[] datagram, Keys known) throws Sip022PacketException {
        if (datagram.length < SEPARATE_HEADER_SIZE + ShadowCipher.TAG_SIZE) {
            throw new Sip022PacketException(Sip022PacketException.Reason.TOO_SHORT,
                    "a packet of " + datagram.length + " bytes, shorter than a separate header and a tag");
        }
        byte[] separate = new byte[SEPARATE_HEADER_SIZE];
        try {
            block.init(Cipher.DECRYPT_MODE, headerKey);
            block.doFinal(datagram, 0, SEPARATE_HEADER_SIZE, separate, 0);
            long sessionId = Sip022PacketCipher.getLong(separate, 0);
            Sip022SessionKey key = known.known(sessionId);
            if (key == null) {
                key = key(sessionId);
            }
            body.init(Cipher.DECRYPT_MODE, key.subkey(), nonce(separate));
            byte[] plain = body.doFinal(datagram, SEPARATE_HEADER_SIZE, datagram.length - SEPARATE_HEADER_SIZE);
            return new Opened(key, Sip022PacketCipher.getLong(separate, ID_SIZE), plain);
        } catch (AEADBadTagException e) {
            throw new Sip022PacketException(Sip022PacketException.Reason.NOT_AUTHENTIC,
                    "packet did not authenticate (wrong key or method, or not Shadowsocks)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES open failed", e);
        }
    }

    private static GCMParameterSpec nonce(byte[] separate) {
        return new GCMParameterSpec(ShadowCipher.TAG_SIZE * 8, separate, NONCE_OFFSET, ShadowCipher.NONCE_SIZE);
    }
}
