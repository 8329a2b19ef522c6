package org.ptdispatcher.engine.transport.shadow;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.replay.PacketWindow;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A Shadowsocks 2022 server's UDP relay sessions (SIP022 3.2.2, 3.2.4), without I/O: one per
 * client session id, whatever address its packets come from. Each keeps the client session's key
 * and replay window, the last address a valid packet of it came from, and a server session of its
 * own (a random id, never a client's, its key, a packet counter from 0) to seal replies with:
 *
 * <pre>
 * event                               current state             effect
 * client packet, valid                no session for its id     session opened, Request.opened; last address = sender
 * client packet, valid                session                   Request; last address = sender
 * client packet, refused              -                         refused (see {@link Sip022PacketCodec}); no state changes
 * reply from a target                 session                   sealed with the next server packet id, to the last address
 * reply from a target                 no session                none (the session expired)
 * timeout since the last packet       session                   session forgotten; the caller closes its socket
 * </pre>
 *
 * Routing by session id, not by address, lets a session survive the client's network changing,
 * and the last address updated only by packets that passed every check keeps a forger or replayer
 * from redirecting replies. Replies count as packets for the timeout, which must be at least
 * the 60 s of {@link Sip022SessionTimeout}. Not thread-safe: one event loop's.
 */
public final class Sip022ServerSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The most sessions at once. Each has a socket towards its targets, so without a bound a client
     * with the key could take every descriptor by drawing new session ids; a new session past it
     * is refused ({@code TOO_MANY_SESSIONS}) until one expires, and those already open go on.
     */
    public static final int MAX_SESSIONS = 1024;

    /**
     * A client's datagram, opened.
     *
     * @param opened true for the first packet of its session: the caller opens the session's socket to targets
     */
    public record Request(long clientSessionId, boolean opened, HostPort target, byte[] payload) {
    }

    /** A reply, sealed, and the client address to send it to. */
    public record Reply(InetSocketAddress client, byte[] datagram) {
    }

    private static final class Session {
        final Sip022SessionKey clientKey;
        final PacketWindow window = new PacketWindow();
        final Sip022SessionKey serverKey;
        InetSocketAddress client;
        long nextPacketId;
        long lastPacketNanos;

        Session(Sip022SessionKey clientKey, Sip022SessionKey serverKey) {
            this.clientKey = clientKey;
            this.serverKey = serverKey;
        }
    }

    private final Sip022PacketCodec codec;
    private final LongSupplier ids;
    private final long timeoutNanos;
    private final Map<Long, Session> sessions = new HashMap<>();
    private final int maxSessions;

    Sip022ServerSessions(Sip022PacketCodec codec, LongSupplier ids, Duration timeout) {
        this(codec, ids, timeout, MAX_SESSIONS);
    }

    Sip022ServerSessions(Sip022PacketCodec codec, LongSupplier ids, Duration timeout, int maxSessions) {
        if (codec.isClient()) {
            throw new IllegalArgumentException("a server's sessions need a server's codec");
        }
        this.codec = codec;
        this.ids = ids;
        this.timeoutNanos = Sip022SessionTimeout.nanos(timeout);
        this.maxSessions = maxSessions;
    }

    /** With random server session ids and the system clock for timestamps. */
    public static Sip022ServerSessions of(Sip022Method method, byte[] psk, Duration timeout) {
        return new Sip022ServerSessions(Sip022PacketCodec.server(method, psk), RANDOM::nextLong, timeout);
    }

    /**
     * The request a datagram from {@code sender} carries.
     *
     * @throws Sip022PacketException if the codec refuses it; the table is then as it was
     */
    public Request open(byte[] datagram, InetSocketAddress sender, long nowNanos) throws Sip022PacketException {
        boolean[] opened = {false};
        Sip022Packet packet = codec.decode(datagram, new Sip022PacketCodec.Sessions() {
            @Override
            public Sip022SessionKey known(long clientSessionId) {
                Session session = sessions.get(clientSessionId);
                return session == null ? null : session.clientKey;
            }

            @Override
            public PacketWindow window(Sip022SessionKey key, long clientSessionId) throws Sip022PacketException {
                Session session = sessions.get(clientSessionId);
                if (session == null && sessions.size() >= maxSessions) {
                    throw new Sip022PacketException(Sip022PacketException.Reason.TOO_MANY_SESSIONS, "a new session "
                            + Long.toHexString(clientSessionId) + " while " + sessions.size() + " are open, the most a server keeps");
                }
                if (session == null) {
                    // Opened here, once the packet is valid: a fresh window always takes its first id.
                    session = new Session(key, codec.key(serverSessionId(clientSessionId)));
                    sessions.put(clientSessionId, session);
                    opened[0] = true;
                }
                return session.window;
            }
        });
        Session session = sessions.get(packet.clientSessionId());
        session.client = sender;
        session.lastPacketNanos = nowNanos;
        return new Request(packet.clientSessionId(), opened[0], packet.address(), packet.payload());
    }

    /** A random id that no client session of ours has: SIP022 3.2.2 forbids using a client's. */
    private long serverSessionId(long clientSessionId) {
        long id = ids.getAsLong();
        while (id == clientSessionId || sessions.containsKey(id)) {
            id = ids.getAsLong();
        }
        return id;
    }

    /** The datagram carrying a target's reply {@code payload} from {@code source} back to client session {@code clientSessionId}. */
    public Optional<Reply> seal(long clientSessionId, HostPort source, byte[] payload, long nowNanos) {
        Session session = sessions.get(clientSessionId);
        if (session == null) {
            return Optional.empty();
        }
        session.lastPacketNanos = nowNanos;
        long packetId = session.nextPacketId++;
        byte[] datagram = codec.encode(Sip022Packet.fromServer(session.serverKey.sessionId(), packetId, clientSessionId,
                source, payload), session.serverKey);
        return Optional.of(new Reply(session.client, datagram));
    }

    /**
     * Forgets every session idle for the timeout or longer.
     *
     * @return their client session ids, whose sockets the caller closes
     */
    public List<Long> expire(long nowNanos) {
        List<Long> forgotten = new ArrayList<>();
        Iterator<Map.Entry<Long, Session>> it = sessions.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Session> e = it.next();
            if (nowNanos - e.getValue().lastPacketNanos >= timeoutNanos) {
                it.remove();
                forgotten.add(e.getKey());
            }
        }
        return forgotten;
    }

    /** Where replies to client session {@code clientSessionId} go: the last address a valid packet of it came from. */
    public Optional<InetSocketAddress> clientAddress(long clientSessionId) {
        Session session = sessions.get(clientSessionId);
        return session == null ? Optional.empty() : Optional.of(session.client);
    }

    /** The server session id replies to client session {@code clientSessionId} are sealed under. */
    public OptionalLong serverSessionOf(long clientSessionId) {
        Session session = sessions.get(clientSessionId);
        return session == null ? OptionalLong.empty() : OptionalLong.of(session.serverKey.sessionId());
    }

    public int size() {
        return sessions.size();
    }
}
