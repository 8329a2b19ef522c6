package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;

import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.HEADER_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.MAX_PACKET_PAYLOAD;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.MAX_SEGMENT_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.TYPE_PAYLOAD;

/**
 * Turns application bytes into frames the way obfs4proxy's {@code Write} does: payload frames
 * of up to 1427 bytes, then padding frames that bring the burst's length modulo 1448 to a target
 * drawn from the length distribution. Pacing (iat-mode) is the caller's business.
 */
final class Obfs4BurstEncoder {
    private final Obfs4FrameEncoder frames;

    Obfs4BurstEncoder(Obfs4FrameEncoder frames) {
        this.frames = frames;
    }

    Obfs4FrameEncoder frames() {
        return frames;
    }

    /** The most wire bytes {@link #encodePayload} and one {@link #pad} can produce for this many application bytes. */
    static int maxEncodedLength(int plaintextLength) {
        int packets = (plaintextLength + MAX_PACKET_PAYLOAD - 1) / MAX_PACKET_PAYLOAD;
        return plaintextLength + packets * HEADER_LENGTH + 2 * MAX_SEGMENT_LENGTH + HEADER_LENGTH;
    }

    /** Frames all of {@code plaintext}'s readable bytes into {@code out}. */
    void encodePayload(ByteBuf plaintext, ByteBuf out) {
        while (plaintext.isReadable()) {
            frames.writePacket(out, TYPE_PAYLOAD, plaintext, Math.min(MAX_PACKET_PAYLOAD, plaintext.readableBytes()));
        }
    }

    /**
     * obfs4proxy's {@code padBurst}: appends padding so that {@code burstLength} plus what is
     * appended ends, modulo 1448, at {@code target}. A gap too small for a frame header gets a
     * full empty frame and then one more (the reference's rule, kept for the same size pattern).
     *
     * @param burstLength the bytes of the burst still unsent (the reference's buffer length)
     */
    void pad(ByteBuf out, int burstLength, int target) {
        int tail = burstLength % MAX_SEGMENT_LENGTH;
        int padLength = target >= tail ? target - tail : (MAX_SEGMENT_LENGTH - tail) + target;
        if (padLength > HEADER_LENGTH) {
            frames.writePacket(out, TYPE_PAYLOAD, null, 0, 0, padLength - HEADER_LENGTH);
        } else if (padLength > 0) {
            frames.writePacket(out, TYPE_PAYLOAD, null, 0, 0, MAX_PACKET_PAYLOAD);
            frames.writePacket(out, TYPE_PAYLOAD, null, 0, 0, padLength);
        }
    }
}
