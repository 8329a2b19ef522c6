package org.ptdispatcher.engine.transport.shadow;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.fuzz.FuzzBudget;
import org.ptdispatcher.engine.fuzz.FuzzInput;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ptdispatcher.engine.transport.shadow.Sip022Sessions.SECOND;

/**
 * A Shadowsocks 2022 client's and server's UDP session tables (small bounds, so that the input
 * reaches them) driven by any sequence of events, with real codecs between them. Each op byte
 * (its value modulo 5) is followed by its own bytes:
 * <ul>
 *   <li>0 send: source (u8 mod 6), payload length (u8 mod 32) and payload: the client seals it, the
 *   server opens it (or refuses it, at its bound), and its reply reaches that source with that
 *   payload (or is refused, at the client session's bound of server sessions);</li>
 *   <li>1 forged reply: server session id (u8 mod 8), client session (u8: one of the client's, or
 *   none), packet id (u8), sealed with the key (the same ids again: the same datagram again): taken
 *   for the source of the session it names, or refused;</li>
 *   <li>2 replay: a datagram sent before (u8) to the server again: refused, unless its session
 *   expired there since (a window opened afresh);</li>
 *   <li>3 time: u8 seconds pass, and both tables expire what is idle;</li>
 *   <li>4 garbage: u8 bytes to both tables: refused.</li>
 * </ul>
 * A refusal is always a {@link Sip022PacketException}; after every event the tables are within their bounds.
 */
class Sip022SessionsFuzzTest {
    private static final Sip022Method AES = Sip022Method.BLAKE3_AES_128_GCM;
    private static final int CLIENT_SESSIONS = 3;
    private static final int SERVER_SESSIONS_PER_CLIENT_SESSION = 2;
    private static final int SERVER_SESSIONS = 3;
    private static final int SOURCES = 6;
    private static final HostPort TARGET = new HostPort("192.0.2.1", 53);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);

    private static InetSocketAddress source(int i) {
        return new InetSocketAddress("127.0.0.1", 40000 + i);
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void events(byte[] bytes) {
        FuzzInput in = new FuzzInput(bytes);
        Sip022ClientSessions client = new Sip022ClientSessions(Sip022Sessions.codec(true, AES), Sip022Sessions.ids(),
                Sip022Sessions.TIMEOUT, CLIENT_SESSIONS, SERVER_SESSIONS_PER_CLIENT_SESSION);
        Sip022ServerSessions server = new Sip022ServerSessions(Sip022Sessions.codec(false, AES), Sip022Sessions.ids(1000),
                Sip022Sessions.TIMEOUT, SERVER_SESSIONS);
        Sip022PacketCodec forger = Sip022Sessions.codec(false, AES);
        List<byte[]> sent = new ArrayList<>();
        Map<Long, byte[]> forgedBefore = new HashMap<>();
        Map<Long, InetSocketAddress> forgedFor = new HashMap<>();
        long now = 0;
        for (int events = 0; events < 64 && !in.atEnd(); events++) {
            switch (in.u8() % 5) {
                case 0 -> send(client, server, source(in.u8() % SOURCES), in.bytes(in.u8() % 32), now, sent);
                case 1 -> {
                    long serverSession = 100 + in.u8() % 8;
                    int which = in.u8();
                    OptionalLong clientSession = client.sessionId(source(which % SOURCES));
                    long packetId = in.u8();
                    // A session id and packet id are the nonce: one sealed twice is the first one sent again (a replay).
                    byte[] forged = forgedBefore.computeIfAbsent(serverSession << 8 | packetId, nonce -> forger.encode(
                            Sip022Packet.fromServer(serverSession, packetId, clientSession.orElse(0xdeadL + which), TARGET, new byte[]{1})));
                    InetSocketAddress namedSource = forgedFor.computeIfAbsent(serverSession << 8 | packetId, nonce -> source(which % SOURCES));
                    try {
                        Sip022ClientSessions.Reply reply = client.open(forged, now);
                        assertEquals(namedSource, reply.source(), "a reply goes to the source of the session it names");
                    } catch (Sip022PacketException refused) {
                        // a session not ours, a replay, or one server session too many
                    }
                }
                case 2 -> {
                    if (!sent.isEmpty()) {
                        byte[] again = sent.get(in.u8() % sent.size());
                        try {
                            server.open(again, CLIENT, now);
                        } catch (Sip022PacketException refused) {
                            // replayed, or the server at its bound; taken only by a session opened afresh after its expiry
                        }
                    }
                }
                case 3 -> {
                    now += in.u8() * SECOND;
                    client.expire(now);
                    server.expire(now);
                }
                default -> {
                    byte[] garbage = in.bytes(in.u8());
                    long at = now;
                    assertThrows(Sip022PacketException.class, () -> server.open(garbage, CLIENT, at));
                    assertThrows(Sip022PacketException.class, () -> client.open(garbage, at));
                }
            }
            assertTrue(client.size() <= CLIENT_SESSIONS, "client sessions: " + client.size());
            assertTrue(server.size() <= SERVER_SESSIONS, "server sessions: " + server.size());
            for (int i = 0; i < SOURCES; i++) {
                assertTrue(client.serverSessions(source(i)) <= SERVER_SESSIONS_PER_CLIENT_SESSION);
            }
        }
    }

    private static void send(Sip022ClientSessions client, Sip022ServerSessions server, InetSocketAddress source, byte[] payload,
                             long now, List<byte[]> sent) {
        byte[] datagram = client.seal(source, TARGET, payload, now);
        if (sent.size() < 16) {
            sent.add(datagram);
        }
        Sip022ServerSessions.Request request;
        try {
            request = server.open(datagram, CLIENT, now);
        } catch (Sip022PacketException refused) {
            assertEquals(Sip022PacketException.Reason.TOO_MANY_SESSIONS, refused.reason(), "a fresh datagram refused: " + refused);
            return;
        }
        assertArrayEquals(payload, request.payload());
        Optional<Sip022ServerSessions.Reply> reply = server.seal(request.clientSessionId(), TARGET, payload, now);
        assertTrue(reply.isPresent(), "the server answers a session it just took");
        try {
            Sip022ClientSessions.Reply back = client.open(reply.get().datagram(), now);
            assertEquals(source, back.source());
            assertArrayEquals(payload, back.payload());
        } catch (Sip022PacketException refused) {
            assertEquals(Sip022PacketException.Reason.TOO_MANY_SESSIONS, refused.reason(), "a true reply refused: " + refused);
        }
    }
}
