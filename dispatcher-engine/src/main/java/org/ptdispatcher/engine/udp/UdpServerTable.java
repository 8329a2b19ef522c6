package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The server's transport connections, each with the UDP socket it talks to the target from, as
 * table 2 of spec section 1.5.5 lays it out (there is no Waiting state: a connection is in the
 * table once it is accepted):
 *
 * <pre>
 * event                       current state             new state    effect
 * packet received             no connection in table    -            packet dropped
 * packet received             connection in table       -            packet sent over the connection
 * connection closed           in table                  removed
 * write failure               in table                  removed      packet dropped
 * timeout since last packet   in table                  removed
 * </pre>
 *
 * "Packet" is a datagram from the target arriving at the association's UDP socket; datagrams the
 * client sends through the connection count for the timeout too. Not thread-safe: one event loop.
 *
 * @param <K> what identifies an association (its UDP socket)
 * @param <C> the connection type
 */
public final class UdpServerTable<K, C> {

    /** What the table asks of the world. */
    public interface Connections<C> {
        /** Sends a datagram over the connection; false if the write failed at once. Takes ownership. */
        boolean send(C connection, ByteBuf datagram);

        void close(C connection);
    }

    private static final class Entry<C> {
        final C connection;
        long lastPacketNanos;

        Entry(C connection, long now) {
            this.connection = connection;
            this.lastPacketNanos = now;
        }
    }

    private final Map<K, Entry<C>> entries = new HashMap<>();
    private final Connections<C> connections;

    public UdpServerTable(Connections<C> connections) {
        this.connections = connections;
    }

    /** An accepted connection whose handshake is done. */
    public void add(K key, C connection, long nowNanos) {
        entries.put(key, new Entry<>(connection, nowNanos));
    }

    /** A datagram from the target at {@code key}'s socket. Takes ownership of {@code datagram}. */
    public void packetReceived(K key, ByteBuf datagram, long nowNanos) {
        Entry<C> entry = entries.get(key);
        if (entry == null) {
            datagram.release();
            return;
        }
        entry.lastPacketNanos = nowNanos;
        if (!connections.send(entry.connection, datagram)) {
            entries.remove(key);
            connections.close(entry.connection);
        }
    }

    /** The client sent a datagram through {@code key}'s connection: the association is alive. */
    public void clientPacket(K key, long nowNanos) {
        Entry<C> entry = entries.get(key);
        if (entry != null) {
            entry.lastPacketNanos = nowNanos;
        }
    }

    /** The connection closed, or a write to it failed later. */
    public void closed(K key) {
        Entry<C> entry = entries.remove(key);
        if (entry != null) {
            connections.close(entry.connection);
        }
    }

    public void expire(long nowNanos, long idleNanos) {
        Iterator<Map.Entry<K, Entry<C>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry<C> entry = it.next().getValue();
            if (nowNanos - entry.lastPacketNanos >= idleNanos) {
                it.remove();
                connections.close(entry.connection);
            }
        }
    }

    public boolean contains(K key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }
}
