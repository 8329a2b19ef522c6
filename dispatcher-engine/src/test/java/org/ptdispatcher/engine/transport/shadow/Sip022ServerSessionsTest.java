package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.replay.PacketWindow;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptdispatcher.engine.transport.shadow.Sip022Sessions.SECOND;

/**
 * {@link Sip022ServerSessions} against a real client's codec: sessions by client session id,
 * the address replies go to, the server's own ids and counter, replays, and the timeout.
 */
class Sip022ServerSessionsTest {
    private static final Sip022Method AES = Sip022Method.BLAKE3_AES_128_GCM;
    private static final InetSocketAddress HOME = new InetSocketAddress("127.0.0.1", 50000);
    private static final InetSocketAddress ROAMING = new InetSocketAddress("127.0.0.2", 50001);
    private static final HostPort TARGET = new HostPort("192.0.2.1", 53);
    private static final byte[] QUERY = "query".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "answer".getBytes(StandardCharsets.US_ASCII);

    private final Sip022PacketCodec clientCodec = Sip022Sessions.codec(true, AES);

    private byte[] request(long clientSessionId, long packetId) {
        return clientCodec.encode(Sip022Packet.fromClient(clientSessionId, packetId, TARGET, QUERY));
    }

    private static Sip022PacketException.Reason refusal(Sip022ServerSessions server, byte[] datagram, InetSocketAddress from, long now) {
        return assertThrows(Sip022PacketException.class, () -> server.open(datagram, from, now)).reason();
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void aClientPacketOpensASessionAndCarriesItsRequest(Sip022Method m) throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(m);
        byte[] datagram = Sip022Sessions.codec(true, m).encode(Sip022Packet.fromClient(5, 0, TARGET, QUERY));
        Sip022ServerSessions.Request request = server.open(datagram, HOME, 0);
        assertEquals(new Sip022ServerSessions.Request(5, true, TARGET, request.payload()), request);
        assertArrayEquals(QUERY, request.payload());
    }

    @Test
    void sessionsAreByClientSessionIdWhateverTheAddress() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES);
        assertTrue(server.open(request(5, 0), HOME, 0).opened());
        assertFalse(server.open(request(5, 1), ROAMING, 0).opened());
        assertTrue(server.open(request(6, 0), HOME, 0).opened());
        assertEquals(2, server.size());
    }

    @Test
    void aNewSessionPastTheMostIsRefusedUntilOneExpiresWhileTheOpenOnesGoOn() throws Exception {
        long[] next = {100};
        Sip022ServerSessions server = new Sip022ServerSessions(Sip022Sessions.codec(false, AES), () -> next[0]++, Duration.ofSeconds(60), 2);
        server.open(request(5, 0), HOME, 0);
        server.open(request(6, 0), HOME, 10 * SECOND);
        assertEquals(Sip022PacketException.Reason.TOO_MANY_SESSIONS, refusal(server, request(7, 0), HOME, 20 * SECOND));
        assertEquals(2, server.size(), "the refused packet opened nothing");
        assertFalse(server.open(request(5, 1), HOME, 30 * SECOND).opened(), "an open session goes on");

        assertEquals(List.of(6L), server.expire(71 * SECOND), "session 6 was quiet for 61 s");
        assertTrue(server.open(request(7, 0), HOME, 71 * SECOND).opened(), "a place came free");
    }

    @Test
    void repliesGoToTheLastAddressAValidPacketCameFrom() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES);
        server.open(request(5, 0), HOME, 0);
        server.open(request(5, 1), ROAMING, 0);
        assertEquals(ROAMING, server.seal(5, TARGET, ANSWER, 0).orElseThrow().client());
    }

    @Test
    void aRefusedPacketDoesNotMoveTheRepliesAddress() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES);
        byte[] datagram = request(5, 0);
        server.open(datagram, HOME, 0);
        assertEquals(Sip022PacketException.Reason.REPLAYED, refusal(server, datagram, ROAMING, 0));
        assertEquals(Optional.of(HOME), server.clientAddress(5));
    }

    @Test
    void aRefusedPacketOpensNoSession() {
        Sip022ServerSessions server = Sip022Sessions.server(AES);
        byte[] tampered = request(5, 0);
        tampered[tampered.length - 1] ^= 1;
        assertEquals(Sip022PacketException.Reason.NOT_AUTHENTIC, refusal(server, tampered, HOME, 0));
        assertEquals(0, server.size());
    }

    @Test
    void eachSessionHasAReplayWindowOfItsOwn() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES);
        byte[] datagram = request(5, 0);
        server.open(datagram, HOME, 0);
        assertEquals(Sip022PacketException.Reason.REPLAYED, refusal(server, datagram, HOME, 0));
        assertEquals(6, server.open(request(6, 0), HOME, 0).clientSessionId(), "packet 0 of another session");
    }

    @Test
    void theServerSessionIdIsNeverTheClientsOwn() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES, 5, 42);
        server.open(request(5, 0), HOME, 0);
        assertEquals(OptionalLong.of(42), server.serverSessionOf(5));
    }

    @Test
    void theServerSessionIdIsNoOtherClientSessionsEither() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES, 9, 6, 42);
        server.open(request(6, 0), HOME, 0);
        server.open(request(7, 0), HOME, 0);
        assertEquals(OptionalLong.of(9), server.serverSessionOf(6));
        assertEquals(OptionalLong.of(42), server.serverSessionOf(7), "6 is a client session of ours");
    }

    @Test
    void repliesAreSealedUnderTheServerSessionWithPacketIdsFromZero() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES, 42);
        server.open(request(5, 0), HOME, 0);
        PacketWindow window = new PacketWindow();
        for (long expected = 0; expected < 3; expected++) {
            Sip022Packet reply = clientCodec.decode(server.seal(5, TARGET, ANSWER, 0).orElseThrow().datagram(), id -> window);
            assertEquals(42, reply.sessionId());
            assertEquals(5, reply.clientSessionId());
            assertEquals(expected, reply.packetId());
            assertArrayEquals(ANSWER, reply.payload());
        }
    }

    @Test
    void aSessionIsRememberedForSixtySecondsThenForgotten() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES);
        byte[] datagram = request(5, 0);
        server.open(datagram, HOME, 0);
        assertEquals(List.of(), server.expire(60 * SECOND - 1));
        assertEquals(Sip022PacketException.Reason.REPLAYED, refusal(server, datagram, HOME, 60 * SECOND - 1));
        assertEquals(List.of(5L), server.expire(60 * SECOND));
        assertEquals(Optional.empty(), server.seal(5, TARGET, ANSWER, 60 * SECOND));
    }

    @Test
    void repliesKeepASessionAlive() throws Exception {
        Sip022ServerSessions server = Sip022Sessions.server(AES);
        server.open(request(5, 0), HOME, 0);
        server.seal(5, TARGET, ANSWER, 50 * SECOND);
        assertEquals(List.of(), server.expire(100 * SECOND));
        assertEquals(List.of(5L), server.expire(110 * SECOND));
    }

    @Test
    void aTimeoutUnderSixtySecondsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sip022ServerSessions(Sip022Sessions.codec(false, AES),
                Sip022Sessions.ids(), Duration.ofSeconds(59)));
    }

    @Test
    void aClientsCodecIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sip022ServerSessions(Sip022Sessions.codec(true, AES),
                Sip022Sessions.ids(), Sip022Sessions.TIMEOUT));
    }
}
