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
 * <p>The subkey is derived anew for every packet: keeping it per session is the session table's
 * job. Not thread-safe: the JCA ciphers are one event loop's.
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
    public byte[] seal(long sessionId, long packetId, byte[] plain) {
        byte[] separate = new byte[SEPARATE_HEADER_SIZE];
        Sip022PacketCipher.putLong(sessionId, separate, 0);
        Sip022PacketCipher.putLong(packetId, separate, ID_SIZE);
        byte[] datagram = new byte[SEPARATE_HEADER_SIZE + plain.length + ShadowCipher.TAG_SIZE];
        try {
            block.init(Cipher.ENCRYPT_MODE, headerKey);
            block.doFinal(separate, 0, SEPARATE_HEADER_SIZE, datagram, 0);
            body.init(Cipher.ENCRYPT_MODE, sessionKey(separate), nonce(separate));
            body.doFinal(plain, 0, plain.length, datagram, SEPARATE_HEADER_SIZE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES seal failed", e);
        }
        return datagram;
    }

    @Override
    public Opened open(byte[] datagram) throws Sip022PacketException {
        if (datagram.length < SEPARATE_HEADER_SIZE + ShadowCipher.TAG_SIZE) {
            throw new Sip022PacketException(Sip022PacketException.Reason.TOO_SHORT,
                    "a packet of " + datagram.length + " bytes, shorter than a separate header and a tag");
        }
        byte[] separate = new byte[SEPARATE_HEADER_SIZE];
        try {
            block.init(Cipher.DECRYPT_MODE, headerKey);
            block.doFinal(datagram, 0, SEPARATE_HEADER_SIZE, separate, 0);
            body.init(Cipher.DECRYPT_MODE, sessionKey(separate), nonce(separate));
            byte[] plain = body.doFinal(datagram, SEPARATE_HEADER_SIZE, datagram.length - SEPARATE_HEADER_SIZE);
            return new Opened(Sip022PacketCipher.getLong(separate, 0), Sip022PacketCipher.getLong(separate, ID_SIZE), plain);
        } catch (AEADBadTagException e) {
            throw new Sip022PacketException(Sip022PacketException.Reason.NOT_AUTHENTIC,
                    "packet did not authenticate (wrong key or method, or not Shadowsocks)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES open failed", e);
        }
    }

    private SecretKeySpec sessionKey(byte[] separate) {
        byte[] subkey = ShadowKeys.sip022Subkey(psk, Arrays.copyOf(separate, ID_SIZE));
        SecretKeySpec key = new SecretKeySpec(subkey, method.aead().keyAlgorithm());
        Arrays.fill(subkey, (byte) 0);
        return key;
    }

    private static GCMParameterSpec nonce(byte[] separate) {
        return new GCMParameterSpec(ShadowCipher.TAG_SIZE * 8, separate, NONCE_OFFSET, ShadowCipher.NONCE_SIZE);
    }
}
