package org.ptdispatcher.engine.transport.obfs4.framing;

import io.netty.buffer.ByteBuf;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;

import java.util.Arrays;

import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.FRAME_OVERHEAD;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.LENGTH_FIELD;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.MAX_PACKET_PAYLOAD;
import static org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing.PACKET_OVERHEAD;

/**
 * Seals obfs4 packets into frames for one direction: packet header, payload and zero padding
 * encrypted and authenticated with the secretbox for the next nonce, the box length masked
 * with the next SipHash-DRBG block. Not thread-safe: one per connection, used on its event loop.
 */
public final class Obfs4FrameEncoder {
    private final SecretBox box;
    private final HashDrbg lengthMasks;
    private final byte[] frame = new byte[Obfs4Framing.MAX_SEGMENT_LENGTH];
    private long counter = 1;

    /** @param keyMaterial 72 bytes: key, nonce prefix, SipHash key and IV */
    public Obfs4FrameEncoder(byte[] keyMaterial) {
        this.box = new SecretBox(Arrays.copyOfRange(keyMaterial, 0, 32), Arrays.copyOfRange(keyMaterial, 32, 48));
        this.lengthMasks = new HashDrbg(Arrays.copyOfRange(keyMaterial, 48, 72));
    }

    /**
     * Writes one frame to {@code out}.
     *
     * @param payload bytes {@code [payloadOffset, payloadOffset + payloadLength)} of it, or null when the length is 0
     */
    public void writePacket(ByteBuf out, int type, byte[] payload, int payloadOffset, int payloadLength, int paddingLength) {
        if (payloadLength > 0) {
            System.arraycopy(payload, payloadOffset, frame, FRAME_OVERHEAD + PACKET_OVERHEAD, payloadLength);
        }
        seal(out, type, payloadLength, paddingLength);
    }

    /** Writes one frame carrying the next {@code payloadLength} readable bytes of {@code payload}, unpadded. */
    public void writePacket(ByteBuf out, int type, ByteBuf payload, int payloadLength) {
        payload.readBytes(frame, FRAME_OVERHEAD + PACKET_OVERHEAD, payloadLength);
        seal(out, type, payloadLength, 0);
    }

    /** Seals the packet whose payload is already in place in {@code frame}. */
    private void seal(ByteBuf out, int type, int payloadLength, int paddingLength) {
        if (payloadLength + paddingLength > MAX_PACKET_PAYLOAD) {
            throw new IllegalArgumentException("packet payload and padding exceed " + MAX_PACKET_PAYLOAD);
        }
        if (counter == 0) {
            // 2^64 frames: the nonce would repeat. The reference fails the connection too.
            throw new IllegalStateException("obfs4 frame counter exhausted");
        }
        int packetStart = FRAME_OVERHEAD;
        int packetLength = PACKET_OVERHEAD + payloadLength + paddingLength;
        frame[packetStart] = (byte) type;
        frame[packetStart + 1] = (byte) (payloadLength >>> 8);
        frame[packetStart + 2] = (byte) payloadLength;
        Arrays.fill(frame, packetStart + PACKET_OVERHEAD + payloadLength, packetStart + packetLength, (byte) 0);
        box.seal(counter++, frame, packetStart, packetLength, frame, LENGTH_FIELD);
        int boxLength = SecretBox.TAG_LENGTH + packetLength;
        int masked = boxLength ^ lengthMasks.nextLengthMask();
        frame[0] = (byte) (masked >>> 8);
        frame[1] = (byte) masked;
        out.writeBytes(frame, 0, LENGTH_FIELD + boxLength);
    }
}
