package org.ptdispatcher.engine.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.ptdispatcher.engine.log.EngineLog;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many accepted connections the process takes at once, and how many of them may be still in
 * their handshake (SOCKS or transport: accepted, not yet relaying), so that a flood of
 * connections that never authenticate has a bound in memory and descriptors. A connection past
 * either cap is closed as it is accepted; one WARNING a minute at most says so. The caps are
 * system properties ({@value #MAX_CONNECTIONS_PROPERTY}, {@value #MAX_PENDING_PROPERTY}: JVM
 * options, such as the launcher passes on from {@code PTDISPATCHER_JAVA_OPTS}); the defaults fit
 * the engine's default heap on a small VPS.
 */
public final class ConnectionCaps {
    public static final String MAX_CONNECTIONS_PROPERTY = "ptdispatcher.maxConnections";
    public static final String MAX_PENDING_PROPERTY = "ptdispatcher.maxPendingHandshakes";
    static final int DEFAULT_MAX_CONNECTIONS = 2048;
    static final int DEFAULT_MAX_PENDING = 512;

    private static final System.Logger LOG = EngineLog.logger(ConnectionCaps.class);
    private static final AttributeKey<Admission> ADMISSION = AttributeKey.valueOf(ConnectionCaps.class, "admission");

    private final int maxConnections;
    private final int maxPending;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final OccasionalWarning connectionsRefused = new OccasionalWarning(LOG, Duration.ofMinutes(1));
    private final OccasionalWarning handshakesRefused = new OccasionalWarning(LOG, Duration.ofMinutes(1));

    ConnectionCaps(int maxConnections, int maxPending) {
        this.maxConnections = maxConnections;
        this.maxPending = maxPending;
    }

    /** The caps this process runs with, read from the system properties. */
    static ConnectionCaps configured() {
        return new ConnectionCaps(read(MAX_CONNECTIONS_PROPERTY, DEFAULT_MAX_CONNECTIONS), read(MAX_PENDING_PROPERTY, DEFAULT_MAX_PENDING));
    }

    /**
     * Takes a newly accepted connection, or says it must be closed.
     *
     * @param handshakeCapped whether it counts against the handshake cap until {@link #established}
     *                        (for listeners whose connections are relayed once their handshake ends)
     */
    boolean admit(Channel accepted, boolean handshakeCapped) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            connectionsRefused.warn("connection limit reached (" + maxConnections + " open; " + MAX_CONNECTIONS_PROPERTY + "): closing new connections");
            return false;
        }
        if (!handshakeCapped) {
            accepted.closeFuture().addListener(f -> open.decrementAndGet());
            return true;
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            open.decrementAndGet();
            handshakesRefused.warn("handshake limit reached (" + maxPending + " connections not yet authenticated; " + MAX_PENDING_PROPERTY
                    + "): closing new connections");
            return false;
        }
        Admission admission = new Admission(this);
        accepted.attr(ADMISSION).set(admission);
        accepted.closeFuture().addListener(f -> {
            admission.established();
            open.decrementAndGet();
        });
        return true;
    }

    /** {@code channel}'s handshake is over: it no longer counts against the handshake cap (nothing happens for a channel the caps did not admit). */
    public static void established(Channel channel) {
        Admission admission = channel.attr(ADMISSION).get();
        if (admission != null) {
            admission.established();
        }
    }

    private static int read(String property, int fallback) {
        String text = System.getProperty(property);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, property + " is not a positive whole number; using " + fallback);
        return fallback;
    }

    /** One admitted connection: counted as pending until its handshake ends or it closes. */
    private static final class Admission {
        private final ConnectionCaps caps;
        private final AtomicBoolean pending = new AtomicBoolean(true);

        Admission(ConnectionCaps caps) {
            this.caps = caps;
        }

        void established() {
            if (pending.compareAndSet(true, false)) {
                caps.pending.decrementAndGet();
            }
        }
    }
}
