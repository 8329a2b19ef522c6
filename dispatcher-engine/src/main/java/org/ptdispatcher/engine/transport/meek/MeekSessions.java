package org.ptdispatcher.engine.transport.meek;

import io.netty.channel.EventLoop;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.transport.ClientAddress;
import org.ptdispatcher.engine.transport.SessionTransportServer.SessionAcceptor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's sessions by {@code X-Session-Id}. The first request with a new id makes one (on the
 * event loop of the connection it came on) and hands its stream to the mode; a session no request
 * has named for {@link #MAX_STALENESS} is closed and forgotten, as meek-server culls them. A
 * session whose stream ended is kept until then too, so that a client's retries of a finished
 * session get a 500 instead of opening a new stream to the target (meek-server would open one).
 */
final class MeekSessions {
    private static final System.Logger LOG = EngineLog.logger(MeekSessions.class);
    static final Duration MAX_STALENESS = Duration.ofSeconds(120);
    /** The port USERADDR carries with the client's address, which HTTP does not give: meek-server's. */
    static final int USERADDR_PORT = 1;

    private final ConcurrentMap<String, MeekSession> sessions = new ConcurrentHashMap<>();
    private final Duration staleness;

    MeekSessions(Duration staleness) {
        this.staleness = staleness;
    }

    /** The session {@code id} names, made (and handed to {@code acceptor}) if new, with {@code client} as its address. */
    MeekSession session(String id, EventLoop loop, InetSocketAddress local, InetAddress client, SessionAcceptor acceptor) {
        MeekSession existing = sessions.get(id);
        if (existing != null) {
            return existing;
        }
        MeekSession[] made = new MeekSession[1];
        MeekSession session = sessions.computeIfAbsent(id, key -> {
            TunnelChannel tunnel = new TunnelChannel(local, new InetSocketAddress(client, USERADDR_PORT));
            made[0] = new MeekSession(tunnel, loop);
            return made[0];
        });
        if (session == made[0]) {
            start(id, session, client, acceptor);
        }
        return session;
    }

    private void start(String id, MeekSession session, InetAddress client, SessionAcceptor acceptor) {
        TunnelChannel tunnel = session.tunnel();
        ClientAddress.setForwarded(tunnel, new HostPort(client.getHostAddress(), USERADDR_PORT));
        tunnel.register(session.loop(), session).addListener(registered -> {
            if (!registered.isSuccess()) {
                sessions.remove(id, session);
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "meek: new session");
            acceptor.accept(tunnel);
            expireLater(id, session, staleness.toNanos());
        });
    }

    /** Checks again when the session would be stale if no request came meanwhile. */
    private void expireLater(String id, MeekSession session, long delayNanos) {
        session.loop().schedule(() -> {
            long idle = MeekSession.now(session.loop()) - session.lastSeenNanos();
            if (idle >= staleness.toNanos()) {
                sessions.remove(id, session);
                session.tunnel().close();
            } else {
                expireLater(id, session, staleness.toNanos() - idle);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    int size() {
        return sessions.size();
    }
}
