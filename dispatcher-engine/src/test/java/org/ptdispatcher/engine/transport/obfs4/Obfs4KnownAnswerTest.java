package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameDecoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ClientHandshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4HandshakeException;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;
import org.ptdispatcher.engine.transport.obfs4.probdist.WeightedDistribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers from a real session with obfs4proxy 0.0.14 as the server (recorded by
 * {@link Obfs4SessionRecorder} into {@code obfs4proxy-session.txt}): obfs4proxy computed the
 * server handshake's MAC and ntor AUTH, the frame keys, the length masks and the padding from
 * its state file; these tests check that our code derives exactly the same.
 */
class Obfs4KnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static Map<String, List<String>> session;
    private static Obfs4Identity identity;

    @BeforeAll
    static void load() throws IOException {
        session = new LinkedHashMap<>();
        try (InputStream in = Obfs4KnownAnswerTest.class.getResourceAsStream("obfs4proxy-session.txt")) {
            assertNotNull(in, "obfs4proxy-session.txt is on the test class path");
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                session.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>()).add(line.substring(space + 1));
            }
        }
        identity = new Obfs4Identity(HEX.parseHex(one("node-id")), HEX.parseHex(one("private-key")));
    }

    private static String one(String key) {
        return session.get(key).get(0);
    }

    private static byte[] serverBytes() {
        return HEX.parseHex(String.join("", session.get("server-read")));
    }

    private static Obfs4ClientHandshake.Completed completeHandshake() throws Exception {
        Obfs4ClientHandshake handshake = new Obfs4ClientHandshake(identity.cert(), Obfs4SessionRecorder.fixedSessionKey(),
                new SecureRandom(), Long.parseLong(one("epoch-hour")));
        byte[] response = serverBytes();
        Obfs4ClientHandshake.Completed done = handshake.parseResponse(response, Math.min(response.length, Obfs4Handshake.MAX_HANDSHAKE_LENGTH));
        assertNotNull(done, "the recorded response is complete");
        return done;
    }

    @Test
    void certFromTheStateFileIsTheOneObfs4proxyAnnounced() {
        assertTrue(one("smethod").contains("cert=" + identity.cert().encode() + ","), one("smethod"));
    }

    @Test
    void ourSessionKeyIsTheOneWeSentAndObfs4proxyDecodedItAsWeDid() throws Exception {
        // obfs4proxy's AUTH (checked below) covers X as it decoded it from our representative.
        EphemeralKeyPair session = Obfs4SessionRecorder.fixedSessionKey();
        assertArrayEquals(session.representative(), Arrays.copyOf(HEX.parseHex(one("client-request")), 32));
    }

    @Test
    void ntorHandshakeAgreesWithObfs4proxy() throws Exception {
        // parseResponse checks MAC_S (obfs4proxy's HMAC over its response and E) and AUTH (its ntor).
        Obfs4ClientHandshake.Completed done = completeHandshake();
        assertTrue(done.consumed() > Obfs4Handshake.SERVER_MIN_HANDSHAKE_LENGTH);
    }

    @Test
    void aResponseWithAnotherEpochHourOrOneFlippedBitIsRefused() throws Exception {
        byte[] response = serverBytes();
        int length = Math.min(response.length, Obfs4Handshake.MAX_HANDSHAKE_LENGTH);
        Obfs4ClientHandshake wrongHour = new Obfs4ClientHandshake(identity.cert(), Obfs4SessionRecorder.fixedSessionKey(),
                new SecureRandom(), Long.parseLong(one("epoch-hour")) + 5);
        org.junit.jupiter.api.Assertions.assertThrows(Obfs4HandshakeException.class, () -> wrongHour.parseResponse(response, length));
        byte[] flipped = response.clone();
        flipped[40] ^= 1; // inside AUTH
        Obfs4ClientHandshake handshake = new Obfs4ClientHandshake(identity.cert(), Obfs4SessionRecorder.fixedSessionKey(),
                new SecureRandom(), Long.parseLong(one("epoch-hour")));
        org.junit.jupiter.api.Assertions.assertThrows(Obfs4HandshakeException.class, () -> handshake.parseResponse(flipped, length));
    }

    @Test
    void keyExpansionFramesAndLengthMasksDecodeObfs4proxysFrames() throws Exception {
        Obfs4ClientHandshake.Completed done = completeHandshake();
        byte[] keys = Ntor.expandKeys(done.keySeed(), 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(Arrays.copyOfRange(keys, 72, 144), new SecureRandom());
        byte[] all = serverBytes();
        ByteBuf frames = Unpooled.wrappedBuffer(all, done.consumed(), all.length - done.consumed());

        assertTrue(decoder.decode(frames));
        assertEquals(Obfs4Framing.TYPE_PRNG_SEED, decoder.packetType(), "the first frame is the PRNG seed");
        byte[] seed = Arrays.copyOfRange(decoder.buffer(), decoder.payloadOffset(), decoder.payloadOffset() + decoder.payloadLength());
        assertEquals(one("drbg-seed"), HEX.formatHex(seed), "the seed obfs4proxy sends is its state file's drbg-seed");

        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        while (decoder.decode(frames)) {
            assertEquals(Obfs4Framing.TYPE_PAYLOAD, decoder.packetType());
            payload.write(decoder.buffer(), decoder.payloadOffset(), decoder.payloadLength());
        }
        assertFalse(frames.isReadable(), "every recorded byte belongs to a frame");
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < Obfs4SessionRecorder.GREETINGS; i++) {
            expected.writeBytes(Obfs4SessionRecorder.greeting(i));
        }
        assertArrayEquals(expected.toByteArray(), payload.toByteArray());
    }

    @Test
    void ourFrameEncoderProducesTheFrameObfs4proxyDecoded() throws Exception {
        Obfs4ClientHandshake.Completed done = completeHandshake();
        byte[] keys = Ntor.expandKeys(done.keySeed(), 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
        Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(Arrays.copyOf(keys, 72));
        ByteBuf out = Unpooled.buffer();
        byte[] text = Obfs4SessionRecorder.CLIENT_TEXT.getBytes(StandardCharsets.US_ASCII);
        encoder.writePacket(out, Obfs4Framing.TYPE_PAYLOAD, text, 0, text.length, 0);
        byte[] frame = new byte[out.readableBytes()];
        out.readBytes(frame);
        assertEquals(one("client-frame"), HEX.formatHex(frame));
        assertEquals(Obfs4SessionRecorder.CLIENT_TEXT, one("service-received"), "obfs4proxy decoded it to the text");
    }

    @Test
    void everyBurstObfs4proxySentIsPaddedToALengthOfTheDistributionFromItsSeed() throws Exception {
        // The greetings were sent 300 ms apart: each read after the first is one burst of obfs4proxy's.
        WeightedDistribution lengths = new WeightedDistribution(HEX.parseHex(one("drbg-seed")), 0, Obfs4Framing.MAX_SEGMENT_LENGTH);
        Set<Integer> support = IntStream.of(lengths.support()).boxed().collect(Collectors.toSet());
        List<String> reads = session.get("server-read");
        int bursts = 0;
        for (int i = 0; i < reads.size(); i++) {
            int n = reads.get(i).length() / 2;
            if (i == 0) {
                continue; // handshake, seed frame and the first greeting may share the first read
            }
            int burstBytes = n;
            assertTrue(support.contains(burstBytes % Obfs4Framing.MAX_SEGMENT_LENGTH),
                    "burst of " + burstBytes + " bytes ends at " + burstBytes % Obfs4Framing.MAX_SEGMENT_LENGTH
                            + ", which the distribution " + support + " cannot give");
            bursts++;
        }
        assertTrue(bursts >= 3, "at least three separate bursts recorded, got " + bursts);
        assertTrue(support.size() <= 100);
    }
}
