package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameDecoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4HandshakeException;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ServerHandshake;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;
import org.ptdispatcher.engine.transport.obfs4.probdist.WeightedDistribution;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.io.ByteArrayOutputStream;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers from a real session with obfs4proxy 0.0.14 as the client (recorded by
 * {@link Obfs4ClientSessionRecorder} into {@code obfs4proxy-client-session.txt}): obfs4proxy made
 * the request (its Elligator 2 representative, mark and MAC), checked our answer, and framed and
 * padded the application's messages with the keys and the length distribution it derived.
 */
class Obfs4ServerKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static Map<String, List<String>> session;
    private static Obfs4Identity identity;

    @BeforeAll
    static void load() throws IOException {
        session = new LinkedHashMap<>();
        try (InputStream in = Obfs4ServerKnownAnswerTest.class.getResourceAsStream("obfs4proxy-client-session.txt")) {
            assertNotNull(in, "obfs4proxy-client-session.txt is on the test class path");
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                session.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>()).add(line.substring(space + 1));
            }
        }
        identity = new Obfs4Identity(HEX.parseHex(Obfs4SessionRecorder.NODE_ID), HEX.parseHex(Obfs4SessionRecorder.PRIVATE_KEY));
    }

    private static long epochHour() {
        return Long.parseLong(session.get("epoch-hour").get(0));
    }

    private static byte[] keySeed() throws Exception {
        byte[] request = HEX.parseHex(session.get("client-request").get(0));
        Obfs4ServerHandshake handshake = new Obfs4ServerHandshake(identity, Obfs4ClientSessionRecorder.fixedServerSessionKey(),
                new ReplayFilter(16, 1L << 40), new SecureRandom());
        byte[] seed = handshake.parseRequest(request, request.length, epochHour(), 0);
        assertNotNull(seed, "the recorded request is complete");
        return seed;
    }

    @Test
    void obfs4proxysRequestPassesOurMarkAndMacChecks() throws Exception {
        assertEquals(32, keySeed().length);
    }

    @Test
    void theRequestIsAcceptedOneHourLateButNotTwoAndNotTwice() throws Exception {
        byte[] request = HEX.parseHex(session.get("client-request").get(0));
        ReplayFilter filter = new ReplayFilter(16, 1L << 40);
        Obfs4ServerHandshake late = new Obfs4ServerHandshake(identity, Obfs4ClientSessionRecorder.fixedServerSessionKey(), filter, new SecureRandom());
        assertNotNull(late.parseRequest(request, request.length, epochHour() + 1, 0));
        Obfs4ServerHandshake again = new Obfs4ServerHandshake(identity, Obfs4ClientSessionRecorder.fixedServerSessionKey(), filter, new SecureRandom());
        assertThrows(Obfs4HandshakeException.class, () -> again.parseRequest(request, request.length, epochHour(), 1));
        Obfs4ServerHandshake tooLate = new Obfs4ServerHandshake(identity, Obfs4ClientSessionRecorder.fixedServerSessionKey(),
                new ReplayFilter(16, 1L << 40), new SecureRandom());
        assertThrows(Obfs4HandshakeException.class, () -> tooLate.parseRequest(request, request.length, epochHour() + 2, 0));
    }

    @Test
    void obfs4proxysFramesDecodeToTheApplicationsMessages() throws Exception {
        byte[] keys = Ntor.expandKeys(keySeed(), 2 * Obfs4Framing.KEY_MATERIAL_LENGTH);
        Obfs4FrameDecoder decoder = new Obfs4FrameDecoder(Arrays.copyOf(keys, 72), new SecureRandom());
        ByteBuf frames = Unpooled.wrappedBuffer(HEX.parseHex(String.join("", session.get("client-read"))));
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        while (decoder.decode(frames)) {
            assertEquals(Obfs4Framing.TYPE_PAYLOAD, decoder.packetType());
            payload.write(decoder.buffer(), decoder.payloadOffset(), decoder.payloadLength());
        }
        assertFalse(frames.isReadable(), "every recorded byte belongs to a frame");
        assertArrayEquals(String.join("", Obfs4ClientSessionRecorder.APP_MESSAGES).getBytes(StandardCharsets.US_ASCII), payload.toByteArray());
    }

    @Test
    void obfs4proxysClientPadsEachBurstFromTheTableOfTheSeedWeSentIt() {
        WeightedDistribution lengths = new WeightedDistribution(HEX.parseHex(Obfs4SessionRecorder.DRBG_SEED), 0, Obfs4Framing.MAX_SEGMENT_LENGTH);
        Set<Integer> support = IntStream.of(lengths.support()).boxed().collect(Collectors.toSet());
        List<String> reads = session.get("client-read");
        assertEquals(Obfs4ClientSessionRecorder.APP_MESSAGES.length, reads.size(), "one read per message, 300 ms apart");
        for (String read : reads) {
            int burst = read.length() / 2;
            assertTrue(support.contains(burst % Obfs4Framing.MAX_SEGMENT_LENGTH), "burst of " + burst + " bytes");
        }
    }
}
