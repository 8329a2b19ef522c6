package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The client's pool of transport connections, one per datagram source, exactly as table 1 of
 * spec section 1.5.3 lays it out:
 *
 * <pre>
 * event                   current state                  new state                      effect
 * packet received         no connection for the source   connection added, Waiting      packet held (spec: dropped)
 * packet received         Waiting                        -                              packet held (spec: dropped)
 * packet received         Connected                      -                              packet sent
 * connection successful   Waiting                        Connected
 * connection closed       Connected                      removed
 * connection failed       Waiting                        removed
 * write failure           Connected                      removed                        packet dropped
 * timeout since last packet  any                         removed
 * </pre>
 *
 * One deliberate difference: where the spec drops packets that arrive while the connection is
 * Waiting, a few ({@link #HELD_PER_SOURCE}) are held ({@link HeldDatagrams}) and sent once it is
 * Connected (dropped if it fails). A client that asks once and waits, as a STUN binding request or a DNS query does,
 * would otherwise never get an answer through a fresh connection. Past that bound, packets are
 * dropped as the spec says.
 *
 * <p>Replies coming back over a connection count as packets for the timeout, so a source that only
 * listens keeps its connection. Not thread-safe: it lives on one event loop.
 *
 * @param <C> the connection type
 */
public final class UdpClientTable<C> {

    public enum State { WAITING, CONNECTED }

    /** How many datagrams a Waiting source may have held for it. */
    public static final int HELD_PER_SOURCE = 16;

    /** What the table asks of the world. */
    public interface Tunnels<C> {
        /** Starts opening a connection for {@code source}; the outcome comes back as {@link #connected} or {@link #failed}. */
        void open(InetSocketAddress source);

        /** Sends a datagram; false if the write failed at once. Takes ownership of {@code datagram}. */
        boolean send(C connection, ByteBuf datagram);

        void close(C connection);
    }

    private static final class Entry<C> {
        State state = State.WAITING;
        C connection;
        long lastPacketNanos;
        final HeldDatagrams held = new HeldDatagrams(HELD_PER_SOURCE);

        Entry(long now) {
            lastPacketNanos = now;
        }
    }

    private final Map<InetSocketAddress, Entry<C>> entries = new HashMap<>();
    private final Tunnels<C> tunnels;

    public UdpClientTable(Tunnels<C> tunnels) {
        this.tunnels = tunnels;
    }

    /** A datagram from an application's {@code source}. Takes ownership of {@code datagram}. */
    public void packetReceived(InetSocketAddress source, ByteBuf datagram, long nowNanos) {
        Entry<C> entry = entries.get(source);
        if (entry == null) {
            entry = new Entry<>(nowNanos);
            entry.held.hold(datagram);
            entries.put(source, entry);
            tunnels.open(source);
            return;
        }
        entry.lastPacketNanos = nowNanos;
        if (entry.state == State.WAITING) {
            entry.held.hold(datagram);
            return;
        }
        if (!tunnels.send(entry.connection, datagram)) {
            remove(source, entry);
        }
    }

    /** A datagram came back for {@code source}: the association is alive. */
    public void replyReceived(InetSocketAddress source, long nowNanos) {
        Entry<C> entry = entries.get(source);
        if (entry != null) {
            entry.lastPacketNanos = nowNanos;
        }
    }

    public void connected(InetSocketAddress source, C connection) {
        Entry<C> entry = entries.get(source);
        if (entry == null || entry.state != State.WAITING) {
            tunnels.close(connection); // the source timed out while it was connecting
            return;
        }
        entry.state = State.CONNECTED;
        entry.connection = connection;
        if (!entry.held.sendAll(datagram -> tunnels.send(connection, datagram))) {
            remove(source, entry);
        }
    }

    public void failed(InetSocketAddress source) {
        Entry<C> entry = entries.get(source);
        if (entry != null && entry.state == State.WAITING) {
            entries.remove(source);
            entry.held.release();
        }
    }

    /** The connection closed (or a write to it failed later): forget it. */
    public void closed(InetSocketAddress source, C connection) {
        Entry<C> entry = entries.get(source);
        if (entry != null && entry.connection == connection) {
            remove(source, entry);
        }
    }

    /** Removes and closes every association idle for longer than {@code idleNanos}. */
    public void expire(long nowNanos, long idleNanos) {
        Iterator<Map.Entry<InetSocketAddress, Entry<C>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry<C> entry = it.next().getValue();
            if (nowNanos - entry.lastPacketNanos >= idleNanos) {
                it.remove();
                entry.held.release();
                if (entry.connection != null) {
                    tunnels.close(entry.connection);
                }
            }
        }
    }

    public Optional<State> state(InetSocketAddress source) {
        return Optional.ofNullable(entries.get(source)).map(e -> e.state);
    }

    public int size() {
        return entries.size();
    }

    /** Closes every connection, for shutdown. */
    public void clear() {
        // Emptied first: closing a connection reports back through closed().
        java.util.List<Entry<C>> all = new java.util.ArrayList<>(entries.values());
        entries.clear();
        for (Entry<C> e : all) {
            e.held.release();
            if (e.connection != null) {
                tunnels.close(e.connection);
            }
        }
    }

    private void remove(InetSocketAddress source, Entry<C> entry) {
        entries.remove(source);
        entry.held.release();
        if (entry.connection != null) {
            tunnels.close(entry.connection);
        }
    }
}
