package org.ptdispatcher.engine.transport.obfs4.framing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ptdispatcher.engine.fuzz.FuzzBudget;
import org.ptdispatcher.engine.fuzz.FuzzInput;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * obfs4 frames: packets the input chooses (type, payload, padding) sealed by the encoder, maybe
 * one byte of the stream changed, cut into reads the input chooses, opened by the decoder. Unchanged,
 * every packet comes out as it went in; changed, the decoder refuses (a {@link Obfs4FrameDecoder.FrameException})
 * at the frame that holds the change or needs more bytes, and never passes on a wrong packet.
 * {@code wire}: any bytes at all to the decoder: it needs more, or refuses, and nothing else.
 * <p>{@code frames}' bytes: the read size (two bytes, plus 1); the position of the changed byte (two
 * bytes; past the stream's end, none); then packets until the input ends, each a type byte, a
 * payload length and a padding length (two bytes each, cut to what a packet holds) and the payload.
 */
class Obfs4FrameFuzzTest {
    private static final byte[] KEYS = new byte[Obfs4Framing.KEY_MATERIAL_LENGTH];

    static {
        Arrays.fill(KEYS, (byte) 0x42);
    }

    private record Packet(int type, byte[] payload, int padding) {
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void frames(byte[] input) {
        FuzzInput choices = new FuzzInput(input);
        int read = 1 + choices.u16();
        int change = choices.u16();
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int type = choices.u8();
            int payloadLength = choices.u16() % (Obfs4Framing.MAX_PACKET_PAYLOAD + 1);
            int padding = choices.u16() % (Obfs4Framing.MAX_PACKET_PAYLOAD - payloadLength + 1);
            byte[] payload = choices.bytes(payloadLength);
            packets.add(new Packet(type, payload, padding));
            if (payload.length < payloadLength) {
                break;
            }
        }
        ByteBuf wire = Unpooled.buffer();
        Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(KEYS);
        List<Integer> frameEnds = new ArrayList<>();
        for (Packet p : packets) {
            encoder.writePacket(wire, p.type(), p.payload(), 0, p.payload().length, p.padding());
            frameEnds.add(wire.writerIndex());
        }
        boolean changed = change < wire.writerIndex();
        if (changed) {
            wire.setByte(change, wire.getByte(change) ^ 0x01);
        }
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(KEYS, seeded());
        ByteBuf in = Unpooled.buffer();
        int decoded = 0;
        try {
            while (wire.isReadable()) {
                in.writeBytes(wire, Math.min(read, wire.readableBytes()));
                while (decoder.decode(in)) {
                    Packet expected = packets.get(decoded);
                    assertTrue(!changed || change >= frameEnds.get(decoded), "a changed frame was opened");
                    assertEquals(expected.type(), decoder.packetType());
                    assertArrayEquals(expected.payload(), Arrays.copyOfRange(decoder.buffer(), decoder.payloadOffset(),
                            decoder.payloadOffset() + decoder.payloadLength()));
                    decoded++;
                }
            }
            assertTrue(changed || decoded == packets.size(), "an unchanged stream did not come out whole");
        } catch (Obfs4FrameDecoder.FrameException refused) {
            assertTrue(changed, "an unchanged frame was refused: " + refused.getMessage());
        } finally {
            wire.release();
            in.release();
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void wire(byte[] input) {
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(KEYS, seeded());
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            while (decoder.decode(in)) {
                // A frame opened without the key: only by the 2^-128 chance of a Poly1305 forgery.
                throw new AssertionError("a frame not sealed with the key was opened");
            }
        } catch (Obfs4FrameDecoder.FrameException refused) {
            // the connection would end here
        } finally {
            in.release();
        }
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(7);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
