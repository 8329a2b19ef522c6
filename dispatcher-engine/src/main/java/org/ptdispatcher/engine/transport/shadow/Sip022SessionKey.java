package org.ptdispatcher.engine.transport.shadow;

import javax.crypto.spec.SecretKeySpec;

/**
 * What sealing and opening one UDP session's packets needs beyond the pre-shared key: under the AES
 * methods the session's AES-GCM subkey, which SIP022 3.2.1 derives with BLAKE3 from the PSK and the
 * session id. Deriving it costs more than sealing a small packet, so a session table keeps one of
 * these per session and hands it back to {@link Sip022PacketCodec} for every packet of the session.
 * Under 2022-blake3-chacha20-poly1305 the body is sealed with the PSK itself, and this holds the id only.
 *
 * <p>Made only by {@link Sip022PacketCipher#key}, so it always matches its cipher's PSK and method.
 */
public final class Sip022SessionKey {
    private final long sessionId;
    private final SecretKeySpec subkey;

    Sip022SessionKey(long sessionId, SecretKeySpec subkey) {
        this.sessionId = sessionId;
        this.subkey = subkey;
    }

    public long sessionId() {
        return sessionId;
    }

    /** The AES-GCM subkey; null under ChaCha20, which has none. */
    SecretKeySpec subkey() {
        return subkey;
    }
}
