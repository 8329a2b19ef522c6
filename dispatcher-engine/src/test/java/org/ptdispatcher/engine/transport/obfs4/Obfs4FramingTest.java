package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameDecoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;

import java.security.SecureRandom;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames and bursts: round trips, padding arithmetic, and refusal of damaged frames. */
class Obfs4FramingTest {
    private static byte[] keys(int seed) {
        byte[] k = new byte[Obfs4Framing.KEY_MATERIAL_LENGTH];
        new Random(seed).nextBytes(k);
        return k;
    }

    @Test
    void framesRoundTripAndArriveByteByByte() throws Exception {
        Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(keys(1));
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(keys(1), new SecureRandom());
        ByteBuf wire = Unpooled.buffer();
        byte[] payload = new byte[Obfs4Framing.MAX_PACKET_PAYLOAD];
        new Random(2).nextBytes(payload);
        encoder.writePacket(wire, Obfs4Framing.TYPE_PAYLOAD, payload, 0, payload.length, 0);
        encoder.writePacket(wire, Obfs4Framing.TYPE_PAYLOAD, null, 0, 0, 100);
        assertEquals(Obfs4Framing.MAX_SEGMENT_LENGTH + Obfs4Framing.HEADER_LENGTH + 100, wire.readableBytes());
        ByteBuf trickle = Unpooled.buffer();
        int decoded = 0;
        while (wire.isReadable()) {
            trickle.writeByte(wire.readByte());
            while (decoder.decode(trickle)) {
                decoded++;
                if (decoded == 1) {
                    assertEquals(payload.length, decoder.payloadLength());
                } else {
                    assertEquals(0, decoder.payloadLength());
                }
            }
        }
        assertEquals(2, decoded);
    }

    @Test
    void aFlippedBitAnywhereInTheBoxFailsAuthentication() {
        for (int position : new int[] {2, 10, 18, 19, 40}) {
            Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(keys(3));
            Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(keys(3), new SecureRandom());
            ByteBuf wire = Unpooled.buffer();
            byte[] payload = new byte[50];
            encoder.writePacket(wire, Obfs4Framing.TYPE_PAYLOAD, payload, 0, payload.length, 0);
            wire.setByte(position, wire.getByte(position) ^ 1);
            assertThrows(Obfs4FrameDecoder.FrameException.class, () -> decoder.decode(wire), "flipped byte " + position);
        }
    }

    @Test
    void anImpossibleLengthIsNotReportedUntilEnoughBytesArrive() throws Exception {
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(keys(4), new SecureRandom());
        ByteBuf wire = Unpooled.buffer();
        wire.writeShort(0xffff ^ new HashDrbg(java.util.Arrays.copyOfRange(keys(4), 48, 72)).nextLengthMask());
        assertFalse(decoder.decode(wire), "an out-of-range length waits like any other");
        wire.writeZero(Obfs4Framing.MAX_SEGMENT_LENGTH);
        assertThrows(Obfs4FrameDecoder.FrameException.class, () -> decoder.decode(wire));
    }

    @Test
    void paddingBringsABurstToTheTargetModuloTheSegmentLength() {
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            Obfs4BurstEncoder burst = new Obfs4BurstEncoder(new Obfs4FrameEncoder(keys(6)));
            int size = 1 + random.nextInt(40000);
            int target = random.nextInt(Obfs4Framing.MAX_SEGMENT_LENGTH + 1);
            ByteBuf plaintext = Unpooled.wrappedBuffer(new byte[size]);
            ByteBuf wire = Unpooled.buffer();
            burst.encodePayload(plaintext, wire);
            int before = wire.readableBytes();
            int tail = before % Obfs4Framing.MAX_SEGMENT_LENGTH;
            burst.pad(wire, before, target);
            int padLength = target >= tail ? target - tail : Obfs4Framing.MAX_SEGMENT_LENGTH - tail + target;
            if (padLength == 0 || padLength > Obfs4Framing.HEADER_LENGTH) {
                assertEquals(target, wire.readableBytes() % Obfs4Framing.MAX_SEGMENT_LENGTH, "size " + size + " target " + target);
            } else {
                // The reference's rule for a gap too small for a frame: a full empty frame, then one of header + gap.
                assertEquals(before + Obfs4Framing.MAX_SEGMENT_LENGTH + Obfs4Framing.HEADER_LENGTH + padLength, wire.readableBytes());
            }
            assertTrue(Obfs4BurstEncoder.maxEncodedLength(size) >= wire.readableBytes());
        }
    }
}
