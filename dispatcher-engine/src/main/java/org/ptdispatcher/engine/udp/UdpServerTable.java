package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The server's transport connections, each with the UDP socket it talks to the target from, as
 * table 2 of spec section 1.5.5 lays it out, with a Waiting state before the socket is open:
 *
 * <pre>
 * event                         current state    new state     effect
 * connection accepted           -                Waiting       (the socket to the target is being opened)
 * datagram from the client      Waiting          -             datagram held
 * datagram from the client      Connected        -             datagram sent to the target
 * socket opened                 Waiting          Connected     held datagrams sent to the target
 * socket failed                 Waiting          removed       held datagrams dropped, connection closed
 * packet received               not in table     -             packet dropped
 * packet received               Connected        -             packet sent over the connection
 * connection closed             in table         removed
 * write failure                 Connected        removed       packet dropped
 * timeout since last packet     in table         removed
 * </pre>
 *
 * "Packet" is a datagram from the target arriving at the connection's UDP socket; datagrams the
 * client sends through the connection count for the timeout too.
 *
 * <p>Table 2 has no Waiting state: the spec's server has its socket at once. Ours opens it once the
 * transport handshake is done (the target's name is resolved first), and up to
 * {@link #HELD_PER_CONNECTION} datagrams that the client sends meanwhile are held and sent once it
 * is open (dropped if it fails), so that a client's first datagram, often its only one, is not lost.
 * Past that bound they are dropped. Not thread-safe: one event loop.
 *
 * @param <C> the connection type
 * @param <S> the UDP socket type
 */
public final class UdpServerTable<C, S> {

    public enum State { WAITING, CONNECTED }

    /** How many datagrams from the client a Waiting connection may have held for it. */
    public static final int HELD_PER_CONNECTION = 64;

    /** What the table asks of the world. */
    public interface Connections<C, S> {
        /** Sends a datagram over the connection to the client; false if the write failed at once. Takes ownership. */
        boolean send(C connection, ByteBuf datagram);

        /** Sends a datagram from the client to the target. Takes ownership. */
        void sendToTarget(S socket, ByteBuf datagram);

        /** Closes the connection and its socket, if it has one. */
        void close(C connection);
    }

    private static final class Entry<S> {
        State state = State.WAITING;
        S socket;
        long lastPacketNanos;
        final HeldDatagrams held = new HeldDatagrams(HELD_PER_CONNECTION);

        Entry(long now) {
            lastPacketNanos = now;
        }
    }

    private final Map<C, Entry<S>> entries = new HashMap<>();
    private final Connections<C, S> connections;

    public UdpServerTable(Connections<C, S> connections) {
        this.connections = connections;
    }

    /** A connection that carries datagrams: its socket to the target is being opened. */
    public void accepted(C connection, long nowNanos) {
        entries.putIfAbsent(connection, new Entry<>(nowNanos));
    }

    /**
     * The connection's socket is open: it is Connected, and what was held goes to the target.
     *
     * @return false if the connection is no longer in the table (it closed or timed out meanwhile):
     *         the caller closes the socket
     */
    public boolean socketOpened(C connection, S socket) {
        Entry<S> entry = entries.get(connection);
        if (entry == null || entry.state != State.WAITING) {
            return false;
        }
        entry.state = State.CONNECTED;
        entry.socket = socket;
        entry.held.sendAll(datagram -> {
            connections.sendToTarget(socket, datagram);
            return true;
        });
        return true;
    }

    /** The socket to the target could not be opened: the connection is of no use. */
    public void socketFailed(C connection) {
        Entry<S> entry = entries.get(connection);
        if (entry != null && entry.state == State.WAITING) {
            remove(connection, entry);
        }
    }

    /** A datagram the client sent through the connection. Takes ownership of {@code datagram}. */
    public void clientPacket(C connection, ByteBuf datagram, long nowNanos) {
        Entry<S> entry = entries.get(connection);
        if (entry == null) {
            datagram.release();
            return;
        }
        entry.lastPacketNanos = nowNanos;
        if (entry.state == State.WAITING) {
            entry.held.hold(datagram);
        } else {
            connections.sendToTarget(entry.socket, datagram);
        }
    }

    /** A datagram from the target at the connection's socket. Takes ownership of {@code datagram}. */
    public void packetReceived(C connection, ByteBuf datagram, long nowNanos) {
        Entry<S> entry = entries.get(connection);
        if (entry == null || entry.state != State.CONNECTED) {
            datagram.release();
            return;
        }
        entry.lastPacketNanos = nowNanos;
        if (!connections.send(connection, datagram)) {
            remove(connection, entry);
        }
    }

    /** The connection closed, or a write to it failed later. */
    public void closed(C connection) {
        Entry<S> entry = entries.get(connection);
        if (entry != null) {
            remove(connection, entry);
        }
    }

    /** Removes and closes every connection idle for longer than {@code idleNanos}. */
    public void expire(long nowNanos, long idleNanos) {
        Iterator<Map.Entry<C, Entry<S>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<C, Entry<S>> e = it.next();
            if (nowNanos - e.getValue().lastPacketNanos >= idleNanos) {
                it.remove();
                e.getValue().held.release();
                connections.close(e.getKey());
            }
        }
    }

    public Optional<State> state(C connection) {
        return Optional.ofNullable(entries.get(connection)).map(e -> e.state);
    }

    public int size() {
        return entries.size();
    }

    private void remove(C connection, Entry<S> entry) {
        entries.remove(connection);
        entry.held.release();
        connections.close(connection);
    }
}
