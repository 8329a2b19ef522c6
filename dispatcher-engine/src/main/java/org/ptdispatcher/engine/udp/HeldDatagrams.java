package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * Datagrams held for a connection that is not ready yet, up to a bound; past it they are
 * dropped, as UDP may. Both tables use it for their one deliberate difference from the spec: a
 * client that asks once and waits (a STUN binding request, a DNS query) would otherwise never
 * be answered through a fresh connection. Not thread-safe.
 */
final class HeldDatagrams {
    private final int bound;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();

    HeldDatagrams(int bound) {
        this.bound = bound;
    }

    /** Takes ownership of {@code datagram}: held, or released if the bound is reached. */
    void hold(ByteBuf datagram) {
        if (held.size() < bound) {
            held.add(datagram);
        } else {
            datagram.release();
        }
    }

    /**
     * Hands the held datagrams to {@code send} in the order they came, until it returns false
     * (a write that failed); whatever is left then is released.
     *
     * @return false if a send failed
     */
    boolean sendAll(Predicate<ByteBuf> send) {
        ByteBuf datagram;
        while ((datagram = held.poll()) != null) {
            if (!send.test(datagram)) {
                release();
                return false;
            }
        }
        return true;
    }

    void release() {
        ByteBuf datagram;
        while ((datagram = held.poll()) != null) {
            datagram.release();
        }
    }
}
