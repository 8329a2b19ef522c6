package org.ptdispatcher.engine.transport.obfs4.framing;

import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;

/**
 * The sizes of obfs4's data phase, as obfs4proxy defines them.
 *
 * <pre>
 * frame  = obfuscated length (2) | secretbox( packet )          at most 1448 bytes
 * packet = type (1) | payload length (2, big-endian) | payload | zero padding
 * </pre>
 */
public final class Obfs4Framing {
    /** The largest frame on the wire, length field included: 1500 - (40 + 12). */
    public static final int MAX_SEGMENT_LENGTH = 1448;
    static final int LENGTH_FIELD = 2;
    /** Length field and Poly1305 tag. */
    static final int FRAME_OVERHEAD = LENGTH_FIELD + SecretBox.TAG_LENGTH;
    static final int MAX_FRAME_PAYLOAD = MAX_SEGMENT_LENGTH - FRAME_OVERHEAD;
    /** The secretbox length a frame may announce: tag alone up to a full segment. */
    static final int MIN_BOX_LENGTH = SecretBox.TAG_LENGTH;
    static final int MAX_BOX_LENGTH = MAX_SEGMENT_LENGTH - LENGTH_FIELD;

    static final int PACKET_OVERHEAD = 3;
    /** 1427: the most application bytes one frame carries. */
    public static final int MAX_PACKET_PAYLOAD = MAX_FRAME_PAYLOAD - PACKET_OVERHEAD;
    /** 21: what a frame costs on top of its payload and padding. */
    public static final int HEADER_LENGTH = FRAME_OVERHEAD + PACKET_OVERHEAD;

    public static final int TYPE_PAYLOAD = 0;
    public static final int TYPE_PRNG_SEED = 1;

    /** Key material per direction: secretbox key (32), nonce prefix (16), SipHash key and IV (24). */
    public static final int KEY_MATERIAL_LENGTH = 32 + 16 + HashDrbg.SEED_LENGTH;

    private Obfs4Framing() {
    }
}
