package org.ptdispatcher.engine.transport.obfs4.framing;

import io.netty.buffer.ByteBuf;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;

import java.security.SecureRandom;
import java.util.Arrays;

import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.LENGTH_FIELD;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.MAX_BOX_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.MIN_BOX_LENGTH;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.PACKET_OVERHEAD;

/**
 * Opens obfs4 frames for one direction. Like the reference, an impossible length is not
 * reported at once (that would tell a prober where the length field is): a random valid
 * length is assumed, that many bytes are awaited, and only then does the frame fail.
 * Not thread-safe: one per connection.
 */
public final class Obfs4FrameDecoder {
    /** Why a frame could not be opened; the connection must end. Carries no key material. */
    public static final class FrameException extends Exception {
        FrameException(String message) {
            super(message, null, false, false);
        }
    }

    private final SecretBox box;
    private final HashDrbg lengthMasks;
    private final SecureRandom random;
    private final byte[] frame = new byte[Obfs4Framing.MAX_SEGMENT_LENGTH];
    private long counter = 1;
    private int nextBoxLength = -1;
    private boolean nextLengthInvalid;

    public Obfs4FrameDecoder(byte[] keyMaterial, SecureRandom random) {
        this.box = new SecretBox(Arrays.copyOfRange(keyMaterial, 0, 32), Arrays.copyOfRange(keyMaterial, 32, 48));
        this.lengthMasks = new HashDrbg(Arrays.copyOfRange(keyMaterial, 48, 72));
        this.random = random;
    }

    /**
     * Opens the next frame in {@code in} if it is all there.
     *
     * @return true if a packet was decoded (see {@link #packetType()}, {@link #payloadLength()}, {@link #buffer()}), false if more bytes are needed
     * @throws FrameException if the frame does not authenticate or its packet is malformed
     */
    public boolean decode(ByteBuf in) throws FrameException {
        if (nextBoxLength < 0) {
            if (in.readableBytes() < LENGTH_FIELD) {
                return false;
            }
            int length = in.readUnsignedShort() ^ lengthMasks.nextLengthMask();
            if (length < MIN_BOX_LENGTH || length > MAX_BOX_LENGTH) {
                nextLengthInvalid = true;
                length = MIN_BOX_LENGTH + random.nextInt(MAX_BOX_LENGTH - MIN_BOX_LENGTH + 1);
            }
            nextBoxLength = length;
        }
        if (in.readableBytes() < nextBoxLength) {
            return false;
        }
        in.readBytes(frame, 0, nextBoxLength);
        if (!box.open(counter, frame, 0, nextBoxLength) || nextLengthInvalid) {
            throw new FrameException("obfs4 frame failed authentication");
        }
        counter++;
        int packetLength = nextBoxLength - SecretBox.TAG_LENGTH;
        nextBoxLength = -1;
        if (packetLength < PACKET_OVERHEAD) {
            throw new FrameException("obfs4 packet of " + packetLength + " bytes is shorter than its header");
        }
        int payloadLength = payloadLength();
        if (payloadLength > packetLength - PACKET_OVERHEAD) {
            throw new FrameException("obfs4 packet announces " + payloadLength + " payload bytes in " + packetLength);
        }
        return true;
    }

    public int packetType() {
        return frame[SecretBox.TAG_LENGTH] & 0xff;
    }

    public int payloadLength() {
        return ((frame[SecretBox.TAG_LENGTH + 1] & 0xff) << 8) | (frame[SecretBox.TAG_LENGTH + 2] & 0xff);
    }

    /** The array holding the decoded packet's payload, at {@link #payloadOffset()}. */
    public byte[] buffer() {
        return frame;
    }

    public int payloadOffset() {
        return SecretBox.TAG_LENGTH + PACKET_OVERHEAD;
    }
}
