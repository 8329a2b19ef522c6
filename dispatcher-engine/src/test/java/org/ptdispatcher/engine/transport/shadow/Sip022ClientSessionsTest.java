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
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ptdispatcher.engine.transport.shadow.Sip022Sessions.SECOND;

/**
 * {@link Sip022ClientSessions} against a real server's codec and {@link Sip022ServerSessions}:
 * sessions per source, ids and counters, which replies are taken, and the timeouts of sessions
 * and of their server session associations.
 */
class Sip022ClientSessionsTest {
    private static final Sip022Method AES = Sip022Method.BLAKE3_AES_128_GCM;
    private static final InetSocketAddress APP_A = new InetSocketAddress("127.0.0.1", 40001);
    private static final InetSocketAddress APP_B = new InetSocketAddress("127.0.0.1", 40002);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);
    private static final HostPort TARGET = new HostPort("192.0.2.1", 53);
    private static final byte[] QUERY = "query".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "answer".getBytes(StandardCharsets.US_ASCII);

    private static Sip022PacketException.Reason refusal(Sip022ClientSessions client, byte[] datagram, long now) {
        return assertThrows(Sip022PacketException.class, () -> client.open(datagram, now)).reason();
    }

    /** A server session's reply to client session {@code clientSessionId}, sealed by a bare server codec. */
    private static byte[] reply(long serverSessionId, long packetId, long clientSessionId) {
        return Sip022Sessions.codec(false, AES).encode(Sip022Packet.fromServer(serverSessionId, packetId, clientSessionId, TARGET, ANSWER));
    }

    @Test
    void eachSourceHasOneSessionOfItsOwn() {
        Sip022ClientSessions client = Sip022Sessions.client(AES);
        client.seal(APP_A, TARGET, QUERY, 0);
        client.seal(APP_A, TARGET, QUERY, 0);
        client.seal(APP_B, TARGET, QUERY, 0);
        assertEquals(2, client.size());
        assertNotEquals(client.sessionId(APP_A), client.sessionId(APP_B));
    }

    @Test
    void aSessionIdAlreadyInUseIsDrawnAgain() {
        Sip022ClientSessions client = Sip022Sessions.client(AES, 5, 5, 9);
        client.seal(APP_A, TARGET, QUERY, 0);
        client.seal(APP_B, TARGET, QUERY, 0);
        assertEquals(OptionalLong.of(5), client.sessionId(APP_A));
        assertEquals(OptionalLong.of(9), client.sessionId(APP_B));
    }

    @Test
    void packetIdsCountUpFromZeroInEachSession() throws Exception {
        Sip022ClientSessions client = Sip022Sessions.client(AES);
        Sip022PacketCodec server = Sip022Sessions.codec(false, AES);
        Sip022PacketCodec.Windows windows = id -> new PacketWindow();
        assertEquals(0, server.decode(client.seal(APP_A, TARGET, QUERY, 0), windows).packetId());
        assertEquals(1, server.decode(client.seal(APP_A, TARGET, QUERY, 0), windows).packetId());
        assertEquals(0, server.decode(client.seal(APP_B, TARGET, QUERY, 0), windows).packetId());
        assertEquals(2, server.decode(client.seal(APP_A, TARGET, QUERY, 0), windows).packetId());
    }

    @ParameterizedTest
    @EnumSource(Sip022Method.class)
    void aReplyGoesToTheSourceWhoseSessionItNames(Sip022Method m) throws Exception {
        Sip022ClientSessions client = Sip022Sessions.client(m);
        Sip022ServerSessions server = Sip022Sessions.server(m);
        long a = server.open(client.seal(APP_A, TARGET, QUERY, 0), CLIENT, 0).clientSessionId();
        long b = server.open(client.seal(APP_B, TARGET, QUERY, 0), CLIENT, 0).clientSessionId();
        Sip022ClientSessions.Reply toB = client.open(server.seal(b, TARGET, ANSWER, 0).orElseThrow().datagram(), 0);
        Sip022ClientSessions.Reply toA = client.open(server.seal(a, TARGET, ANSWER, 0).orElseThrow().datagram(), 0);
        assertEquals(APP_B, toB.source());
        assertEquals(APP_A, toA.source());
        assertEquals(TARGET, toA.from());
        assertArrayEquals(ANSWER, toA.payload());
    }

    @Test
    void aReplyForAClientSessionNotOursIsRefusedAndAssociatesNothing() {
        Sip022ClientSessions client = Sip022Sessions.client(AES, 5);
        client.seal(APP_A, TARGET, QUERY, 0);
        assertEquals(Sip022PacketException.Reason.UNKNOWN_SESSION, refusal(client, reply(77, 0, 6), 0));
        assertEquals(0, client.serverSessions(APP_A));
    }

    @Test
    void aReplayedReplyIsRefused() throws Exception {
        Sip022ClientSessions client = Sip022Sessions.client(AES, 5);
        client.seal(APP_A, TARGET, QUERY, 0);
        byte[] datagram = reply(77, 0, 5);
        client.open(datagram, 0);
        assertEquals(Sip022PacketException.Reason.REPLAYED, refusal(client, datagram, 0));
    }

    @Test
    void aClientSessionKeepsAWindowForEachServerSessionItHearsFrom() throws Exception {
        Sip022ClientSessions client = Sip022Sessions.client(AES, 5);
        client.seal(APP_A, TARGET, QUERY, 0);
        client.open(reply(77, 0, 5), 0);
        // A restarted server: a new server session, whose packet ids start again from 0.
        client.open(reply(88, 0, 5), 0);
        assertEquals(2, client.serverSessions(APP_A));
        client.open(reply(77, 1, 5), 0);
        assertEquals(Sip022PacketException.Reason.REPLAYED, refusal(client, reply(88, 0, 5), 0));
    }

    @Test
    void aNewServerSessionPastTheMostIsRefusedUntilOneExpiresWhileTheKnownOnesGoOn() throws Exception {
        Sip022ClientSessions client = new Sip022ClientSessions(Sip022Sessions.codec(true, AES), Sip022Sessions.ids(5),
                Sip022Sessions.TIMEOUT, Sip022ClientSessions.MAX_SESSIONS, 2);
        client.seal(APP_A, TARGET, QUERY, 0);
        client.open(reply(77, 0, 5), 0);
        client.open(reply(88, 0, 5), 30 * SECOND);
        assertEquals(Sip022PacketException.Reason.TOO_MANY_SESSIONS, refusal(client, reply(99, 0, 5), 30 * SECOND));
        assertEquals(2, client.serverSessions(APP_A), "the refused one is not remembered");
        assertEquals(APP_A, client.open(reply(88, 1, 5), 30 * SECOND).source(), "a known one still answers");

        client.seal(APP_A, TARGET, QUERY, 59 * SECOND);
        client.expire(60 * SECOND); // 77, silent for 60 s, forgotten
        assertArrayEquals(ANSWER, client.open(reply(99, 0, 5), 60 * SECOND).payload(), "room again once one expired");
        assertEquals(2, client.serverSessions(APP_A));
    }

    @Test
    void aNewSourcePastTheMostTakesThePlaceOfTheSessionUsedLongestAgo() throws Exception {
        InetSocketAddress appC = new InetSocketAddress("127.0.0.1", 40003);
        Sip022ClientSessions client = new Sip022ClientSessions(Sip022Sessions.codec(true, AES), Sip022Sessions.ids(5, 6, 7, 8),
                Sip022Sessions.TIMEOUT, 2, Sip022ClientSessions.MAX_SERVER_SESSIONS);
        client.seal(APP_A, TARGET, QUERY, 0);
        client.seal(APP_B, TARGET, QUERY, SECOND);
        client.open(reply(77, 0, 5), 2 * SECOND); // a reply to A is a use of A's: B's is now the one used longest ago

        client.seal(appC, TARGET, QUERY, 3 * SECOND);
        assertEquals(2, client.size());
        assertEquals(OptionalLong.of(5), client.sessionId(APP_A), "A's session, in use, stays");
        assertEquals(OptionalLong.of(7), client.sessionId(appC));
        assertEquals(OptionalLong.empty(), client.sessionId(APP_B), "B's gave way");
        assertEquals(Sip022PacketException.Reason.UNKNOWN_SESSION, refusal(client, reply(78, 0, 6), 3 * SECOND),
                "a reply to B's old session is no one's now");
        assertArrayEquals(ANSWER, client.open(reply(77, 1, 5), 3 * SECOND).payload(), "A's server session still known");
    }

    @Test
    void aServerSessionAssociationIsForgottenAfterTheTimeoutWithoutItsReplies() throws Exception {
        Sip022ClientSessions client = Sip022Sessions.client(AES, 5);
        client.seal(APP_A, TARGET, QUERY, 0);
        client.open(reply(77, 0, 5), 0);
        client.open(reply(88, 0, 5), 30 * SECOND);
        client.seal(APP_A, TARGET, QUERY, 59 * SECOND);
        client.expire(60 * SECOND - 1);
        assertEquals(2, client.serverSessions(APP_A), "both remembered for 60 s");
        client.expire(60 * SECOND);
        assertEquals(1, client.serverSessions(APP_A), "the one silent for 60 s forgotten");
        assertEquals(1, client.size(), "the session itself still in use");
    }

    @Test
    void aSessionIdleForTheTimeoutIsForgottenAndItsRepliesRefused() {
        Sip022ClientSessions client = Sip022Sessions.client(AES, 5, 6);
        client.seal(APP_A, TARGET, QUERY, 0);
        assertEquals(List.of(), client.expire(60 * SECOND - 1));
        assertEquals(List.of(APP_A), client.expire(60 * SECOND));
        assertEquals(Sip022PacketException.Reason.UNKNOWN_SESSION, refusal(client, reply(77, 0, 5), 60 * SECOND));
        client.seal(APP_A, TARGET, QUERY, 61 * SECOND);
        assertEquals(OptionalLong.of(6), client.sessionId(APP_A), "a new session, with a new id");
    }

    @Test
    void repliesKeepASessionAlive() throws Exception {
        Sip022ClientSessions client = Sip022Sessions.client(AES, 5);
        client.seal(APP_A, TARGET, QUERY, 0);
        client.open(reply(77, 0, 5), 50 * SECOND);
        assertEquals(List.of(), client.expire(100 * SECOND));
        assertEquals(1, client.serverSessions(APP_A));
    }

    @Test
    void aTimeoutUnderSixtySecondsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sip022ClientSessions(Sip022Sessions.codec(true, AES),
                Sip022Sessions.ids(), Duration.ofSeconds(59)));
    }

    @Test
    void aServersCodecIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sip022ClientSessions(Sip022Sessions.codec(false, AES),
                Sip022Sessions.ids(), Sip022Sessions.TIMEOUT));
    }
}
