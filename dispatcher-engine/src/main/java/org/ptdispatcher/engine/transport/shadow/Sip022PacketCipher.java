package org.ptdispatcher.engine.transport.shadow;

/**
 * How a Shadowsocks 2022 UDP packet is sealed around its ids and body: the part of SIP022's UDP
 * format that differs between the methods. The AES methods put the session and packet ids in a
 * separate header of their own ({@link Sip022AesPacketCipher}, SIP022 3.2); ChaCha20 puts them at
 * the start of the sealed body instead ({@link Sip022ChaChaPacketCipher}, SIP022 4.1). What is
 * inside the body, the main header and payload, is the same for all and is
 * {@link Sip022PacketCodec}'s.
 */
sealed interface Sip022PacketCipher permits Sip022AesPacketCipher, Sip022ChaChaPacketCipher {
    /** A session id or packet id: 8 bytes, big-endian. */
    int ID_SIZE = 8;

    /** The cipher of a method, with the pre-shared key. */
    static Sip022PacketCipher of(Sip022Method method, byte[] psk) {
        return method == Sip022Method.BLAKE3_CHACHA20_POLY1305
                ? new Sip022ChaChaPacketCipher(psk)
                : new Sip022AesPacketCipher(method, psk);
    }

    /** Session {@code sessionId}'s key, derived once here for the session table to keep (see {@link Sip022SessionKey}). */
    Sip022SessionKey key(long sessionId);

    /** The whole datagram carrying {@code body} (main header and payload) as packet {@code packetId} of {@code key}'s session. */
    byte[] seal(Sip022SessionKey key, long packetId, byte[] body);

    /** As {@link #seal(Sip022SessionKey, long, byte[])}, deriving the session's key for this packet alone. */
    default byte[] seal(long sessionId, long packetId, byte[] body) {
        return seal(key(sessionId), packetId, body);
    }

    /**
     * The ids and body of a datagram.
     *
     * @throws Sip022PacketException with {@link Sip022PacketException.Reason#TOO_SHORT},
     *                               {@link Sip022PacketException.Reason#NOT_AUTHENTIC} or, for an
     *                               authentic body too short to hold the ids,
     *                               {@link Sip022PacketException.Reason#MALFORMED}
     */
    Opened open(byte[] datagram, Keys known) throws Sip022PacketException;

    /** The keys of the sessions a table already knows, so that their packets are opened without deriving one. */
    @FunctionalInterface
    interface Keys {
        /** Nothing known: every packet's key is derived. */
        Keys NONE = sessionId -> null;

        /** The key kept for session {@code sessionId}, or null if it is not a session we know. */
        Sip022SessionKey known(long sessionId);
    }

    /**
     * What an authentic datagram holds: the key that opened it (its session's, kept or just
     * derived, which the caller may keep once the packet has passed every check), its packet id,
     * and its body (main header and payload).
     */
    record Opened(Sip022SessionKey key, long packetId, byte[] body) {
        long sessionId() {
            return key.sessionId();
        }
    }

    static void putLong(long value, byte[] dst, int offset) {
        for (int i = 0; i < 8; i++) {
            dst[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    static long getLong(byte[] src, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (src[offset + i] & 0xff);
        }
        return value;
    }
}
