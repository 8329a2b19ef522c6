package org.ptdispatcher.engine.transport.replay;

import java.util.Arrays;

/**
 * The sliding-window replay filter of one datagram session (the anti-replay window of RFC 6479,
 * as WireGuard keeps it, which Shadowsocks 2022 asks for in SIP022 3.2.4): a packet id is taken
 * once, and only while it is within {@link #SIZE} of the highest id taken so far. Datagrams may
 * arrive out of order, so a counter that only goes up would refuse late but genuine packets;
 * a set of every id ever seen would grow without bound. The window remembers exactly the last
 * {@link #SIZE} ids in a bitmap of 128 bytes.
 *
 * <p>Ids are unsigned 64-bit counters, compared as such. Not thread-safe: a session's packets are
 * read on one event loop.
 */
public final class PacketWindow {
    /** How far behind the highest id a packet may be and still be taken. */
    public static final int SIZE = 1024;
    private static final int WORDS = SIZE / Long.SIZE;

    private final long[] seen = new long[WORDS];
    private long highest;
    private boolean started;

    /**
     * Takes {@code packetId} if it is new and not too old, and remembers it.
     *
     * @return false for an id taken before or more than {@link #SIZE} - 1 behind the highest (a replay)
     */
    public boolean accept(long packetId) {
        if (!started) {
            started = true;
            highest = packetId;
            mark(packetId);
            return true;
        }
        if (Long.compareUnsigned(packetId, highest) > 0) {
            forget(highest, packetId);
            highest = packetId;
            mark(packetId);
            return true;
        }
        if (Long.compareUnsigned(highest - packetId, SIZE) >= 0) {
            return false;
        }
        if (marked(packetId)) {
            return false;
        }
        mark(packetId);
        return true;
    }

    /** Clears the slots of the ids after {@code from} up to {@code to}: the bitmap is a ring, and those slots held ids {@link #SIZE} older. */
    private void forget(long from, long to) {
        long ahead = to - from;
        if (Long.compareUnsigned(ahead, SIZE) >= 0) {
            Arrays.fill(seen, 0L);
            return;
        }
        for (long id = from + 1; id != to + 1; id++) {
            seen[slot(id)] &= ~bit(id);
        }
    }

    private void mark(long id) {
        seen[slot(id)] |= bit(id);
    }

    private boolean marked(long id) {
        return (seen[slot(id)] & bit(id)) != 0;
    }

    private static int slot(long id) {
        return (int) ((id >>> 6) & (WORDS - 1));
    }

    private static long bit(long id) {
        return 1L << (id & 63);
    }
}
