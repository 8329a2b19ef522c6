package org.ptdispatcher.engine.transport.obfs4.handshake;

import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Mac;

import java.nio.charset.StandardCharsets;

/** Sizes and helpers the two sides of the obfs4 handshake share. */
public final class Obfs4Handshake {
    public static final int MAX_HANDSHAKE_LENGTH = 8192;
    static final int REPRESENTATIVE_LENGTH = 32;
    /** A TYPE_PRNG_SEED frame without padding, sent right behind the server's handshake. */
    public static final int INLINE_SEED_FRAME_LENGTH = Obfs4Framing.HEADER_LENGTH + HashDrbg.SEED_LENGTH;
    public static final int SERVER_MIN_HANDSHAKE_LENGTH = REPRESENTATIVE_LENGTH + Ntor.AUTH_LENGTH + Obfs4Mac.MARK_LENGTH + Obfs4Mac.MAC_LENGTH;
    static final int CLIENT_MIN_HANDSHAKE_LENGTH = REPRESENTATIVE_LENGTH + Obfs4Mac.MARK_LENGTH + Obfs4Mac.MAC_LENGTH;
    static final int CLIENT_MIN_PAD_LENGTH = SERVER_MIN_HANDSHAKE_LENGTH + INLINE_SEED_FRAME_LENGTH - CLIENT_MIN_HANDSHAKE_LENGTH;
    public static final int CLIENT_MAX_PAD_LENGTH = MAX_HANDSHAKE_LENGTH - CLIENT_MIN_HANDSHAKE_LENGTH;
    static final int SERVER_MIN_PAD_LENGTH = 0;
    static final int SERVER_MAX_PAD_LENGTH = MAX_HANDSHAKE_LENGTH - (SERVER_MIN_HANDSHAKE_LENGTH + INLINE_SEED_FRAME_LENGTH);

    private Obfs4Handshake() {
    }

    /** E: the decimal number of hours since the Unix epoch, as ASCII. */
    static byte[] epochHour(long hours) {
        return Long.toString(hours).getBytes(StandardCharsets.US_ASCII);
    }

    public static long currentEpochHour() {
        return System.currentTimeMillis() / 1000 / 3600;
    }
}
