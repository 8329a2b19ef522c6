package org.ptdispatcher.engine.transport.shadow;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.replay.PacketWindow;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A Shadowsocks 2022 client's UDP sessions (SIP022 3.2.2, 3.2.4), without I/O: one per application
 * source address, each with a random session id, a packet counter from 0 and its key kept
 * ({@link Sip022SessionKey}). It seals what a source sends into datagrams for the server, and
 * opens the server's datagrams into replies for the source whose session they name:
 *
 * <pre>
 * event                                current state                  effect
 * datagram from a source               no session for it              session opened (new id, packet 0), datagram sealed
 * datagram from a source               session                        datagram sealed with the next packet id
 * server packet, valid                 its client session is ours     reply for that session's source; the server session
 *                                                                     associated (a window of its own) if it is new
 * server packet, client session        not ours (or expired)          refused, UNKNOWN_SESSION; no state changes
 * server packet, any other fault       -                              refused (see {@link Sip022PacketCodec}); no state changes
 * timeout since the last packet        server session association     association forgotten
 * timeout since the last packet        session (either direction)     session forgotten, with its associations
 * </pre>
 *
 * A client session may meet more than one server session, as after a server restart, and SIP022
 * asks that each be remembered, with its own replay window, for at least the 60 s of
 * {@link Sip022SessionTimeout}: a window shared between them would refuse the new server's packet
 * ids, which start again from 0. Replies count as packets for a session's timeout, so a source that
 * only listens keeps it. Not thread-safe: one event loop's.
 *
 * <p>Both tables are bounded. A client session hears from at most {@value #MAX_SERVER_SESSIONS}
 * server sessions at once (a restart or two; anyone with the key could otherwise make it keep a
 * key and a window for every session id they draw): a further one is refused
 * ({@code TOO_MANY_SESSIONS}) until one expires. At most {@value #MAX_SESSIONS} sources have a
 * session (a resolver that draws a source port per query opens one each): a new source past that
 * takes the place of the session used longest ago, which a later datagram of its source opens
 * afresh, rather than the user's own traffic being refused.
 */
public final class Sip022ClientSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int MAX_SESSIONS = 4096;
    public static final int MAX_SERVER_SESSIONS = 16;

    /** A datagram from the server, opened: the payload, where it came from, and the source it is for. */
    public record Reply(InetSocketAddress source, HostPort from, byte[] payload) {
    }

    private static final class Session {
        final InetSocketAddress source;
        final Sip022SessionKey key;
        final Map<Long, ServerSession> servers = new HashMap<>();
        long nextPacketId;
        long lastPacketNanos;

        Session(InetSocketAddress source, Sip022SessionKey key, long now) {
            this.source = source;
            this.key = key;
            this.lastPacketNanos = now;
        }
    }

    /** One server session a client session has heard from: its key kept, its own window. */
    private static final class ServerSession {
        final Sip022SessionKey key;
        final PacketWindow window = new PacketWindow();
        long lastPacketNanos;

        ServerSession(Sip022SessionKey key) {
            this.key = key;
        }
    }

    private final Sip022PacketCodec codec;
    private final LongSupplier ids;
    private final long timeoutNanos;
    private final int maxSessions;
    private final int maxServerSessions;
    /** In the order of their last use, the longest ago first ({@link #used}; looking one up is no use). */
    private final Map<InetSocketAddress, Session> bySource = new LinkedHashMap<>();
    private final Map<Long, Session> byId = new HashMap<>();
    /**
     * The kept keys of the server sessions heard from, by server session id, to find one before the
     * packet's body (and so its client session id) is open. A server session serves one client
     * session, so one entry each; should two ever share an id, forgetting one costs the other only
     * a derivation, after which {@link #open} keeps the key again.
     */
    private final Map<Long, Sip022SessionKey> serverKeys = new HashMap<>();

    Sip022ClientSessions(Sip022PacketCodec codec, LongSupplier ids, Duration timeout) {
        this(codec, ids, timeout, MAX_SESSIONS, MAX_SERVER_SESSIONS);
    }

    /** With bounds of its own, for tests that reach them. */
    Sip022ClientSessions(Sip022PacketCodec codec, LongSupplier ids, Duration timeout, int maxSessions, int maxServerSessions) {
        if (!codec.isClient()) {
            throw new IllegalArgumentException("a client's sessions need a client's codec");
        }
        this.codec = codec;
        this.ids = ids;
        this.timeoutNanos = Sip022SessionTimeout.nanos(timeout);
        this.maxSessions = maxSessions;
        this.maxServerSessions = maxServerSessions;
    }

    /** With random session ids and the system clock for timestamps. */
    public static Sip022ClientSessions of(Sip022Method method, byte[] psk, Duration timeout) {
        return new Sip022ClientSessions(Sip022PacketCodec.client(method, psk), RANDOM::nextLong, timeout);
    }

    /** The datagram to send the server for {@code payload}, from the application's {@code source} to {@code target}. */
    public byte[] seal(InetSocketAddress source, HostPort target, byte[] payload, long nowNanos) {
        Session session = bySource.get(source);
        if (session == null) {
            session = open(source, nowNanos);
        }
        used(session, nowNanos);
        // A u64 counter: at a million packets a second it would wrap after half a million years.
        long packetId = session.nextPacketId++;
        return codec.encode(Sip022Packet.fromClient(session.key.sessionId(), packetId, target, payload), session.key);
    }

    private Session open(InetSocketAddress source, long nowNanos) {
        if (bySource.size() >= maxSessions) {
            forget(bySource.values().iterator().next());
        }
        long id = ids.getAsLong();
        // Ids route the server's replies back to their source: two sessions must not share one.
        while (byId.containsKey(id)) {
            id = ids.getAsLong();
        }
        Session session = new Session(source, codec.key(id), nowNanos);
        bySource.put(source, session);
        byId.put(id, session);
        return session;
    }

    /**
     * The reply a datagram from the server carries, for the source of the client session it names.
     *
     * @throws Sip022PacketException if the codec refuses it, or (UNKNOWN_SESSION) it names no
     *                               session of ours; the table is then as it was
     */
    public Reply open(byte[] datagram, long nowNanos) throws Sip022PacketException {
        Sip022Packet packet = codec.decode(datagram, new Sip022PacketCodec.Sessions() {
            @Override
            public Sip022SessionKey known(long serverSessionId) {
                return serverKeys.get(serverSessionId);
            }

            @Override
            public PacketWindow window(Sip022SessionKey key, long clientSessionId) throws Sip022PacketException {
                Session session = byId.get(clientSessionId);
                if (session == null) {
                    return null;
                }
                ServerSession server = session.servers.get(key.sessionId());
                if (server == null && session.servers.size() >= maxServerSessions) {
                    throw new Sip022PacketException(Sip022PacketException.Reason.TOO_MANY_SESSIONS, "a new server session "
                            + Long.toHexString(key.sessionId()) + " while " + session.servers.size()
                            + " are remembered, the most a client session keeps");
                }
                if (server == null) {
                    // Made here, once the packet is valid: a fresh window always takes its first id.
                    server = new ServerSession(key);
                    session.servers.put(key.sessionId(), server);
                }
                return server.window;
            }
        });
        Session session = byId.get(packet.clientSessionId());
        used(session, nowNanos);
        ServerSession server = session.servers.get(packet.sessionId());
        server.lastPacketNanos = nowNanos;
        serverKeys.put(packet.sessionId(), server.key);
        return new Reply(session.source, packet.address(), packet.payload());
    }

    /**
     * Forgets every server session association and every session idle for the timeout or longer.
     *
     * @return the sources whose sessions were forgotten
     */
    public List<InetSocketAddress> expire(long nowNanos) {
        List<InetSocketAddress> forgotten = new ArrayList<>();
        Iterator<Session> it = bySource.values().iterator();
        while (it.hasNext()) {
            Session session = it.next();
            boolean idle = nowNanos - session.lastPacketNanos >= timeoutNanos;
            Iterator<Map.Entry<Long, ServerSession>> servers = session.servers.entrySet().iterator();
            while (servers.hasNext()) {
                Map.Entry<Long, ServerSession> server = servers.next();
                if (idle || nowNanos - server.getValue().lastPacketNanos >= timeoutNanos) {
                    servers.remove();
                    serverKeys.remove(server.getKey(), server.getValue().key);
                }
            }
            if (idle) {
                it.remove();
                byId.remove(session.key.sessionId());
                forgotten.add(session.source);
            }
        }
        return forgotten;
    }

    /** A packet sent or received in {@code session}: it is the one used last now. */
    private void used(Session session, long nowNanos) {
        session.lastPacketNanos = nowNanos;
        bySource.remove(session.source);
        bySource.put(session.source, session);
    }

    /** Forgets a session that is not idle yet, with its associations: one source's too many. */
    private void forget(Session session) {
        bySource.remove(session.source);
        byId.remove(session.key.sessionId());
        session.servers.forEach((id, server) -> serverKeys.remove(id, server.key));
    }

    /** The session id of {@code source}'s session, if it has one. */
    public OptionalLong sessionId(InetSocketAddress source) {
        Session session = bySource.get(source);
        return session == null ? OptionalLong.empty() : OptionalLong.of(session.key.sessionId());
    }

    /** How many server sessions {@code source}'s session is associated with. */
    public int serverSessions(InetSocketAddress source) {
        Session session = bySource.get(source);
        return session == null ? 0 : session.servers.size();
    }

    public int size() {
        return bySource.size();
    }
}
