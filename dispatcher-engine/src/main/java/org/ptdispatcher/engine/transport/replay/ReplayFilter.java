package org.ptdispatcher.engine.transport.replay;

import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Remembers what a server has accepted (obfs4's handshake MACs, Shadowsocks' salts) so that a
 * recorded connection played back by a prober is refused. Memory is bounded: two generations of
 * at most {@code capacity} values each; when the current one is full, or older than
 * {@code generationNanos}, the older is forgotten and the current becomes the older one (the
 * "ping-pong" of shadowsocks-libev's pair of Bloom filters, but exact). So the last
 * {@code capacity} values of the last {@code generationNanos} at least are always remembered,
 * which is what obfs4proxy's filter (100 × 1024 MACs for 3 hours) and ss-server promise.
 *
 * <p>A value is kept as a 64-bit SipHash under a key of this filter's own, drawn at random: in an
 * open-addressing table of longs that costs 8 bytes a slot (a map of byte arrays cost about 150
 * per entry), and since nobody outside knows the key, nobody can choose values that pile up in
 * one part of the table, even a client that may make as many valid handshakes as it likes. A
 * fresh value is taken for a replay only on a 2^-64-scale collision.
 *
 * <p>Thread-safe: all of a server's event loops share one filter.
 */
public final class ReplayFilter {
    private final int capacity;
    private final long generationNanos;
    private final SipHash fingerprints = new SipHash();
    private Generation current;
    private Generation previous;
    private long currentSince;
    private boolean currentStarted;

    /**
     * @param capacity        values per generation
     * @param generationNanos how long a generation takes values at most; {@link Long#MAX_VALUE} for no limit
     */
    public ReplayFilter(int capacity, long generationNanos) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        if (generationNanos < 1) {
            throw new IllegalArgumentException("a generation must last");
        }
        this.capacity = capacity;
        this.generationNanos = generationNanos;
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        fingerprints.init(new KeyParameter(key));
        this.current = new Generation(capacity);
        this.previous = new Generation(capacity);
    }

    /** Records {@code value} at {@code nowNanos} (a {@link System#nanoTime} reading); false if it was already recorded (a replay). */
    public synchronized boolean addIfAbsent(long nowNanos, byte[] value) {
        long fingerprint = fingerprint(value);
        if (current.contains(fingerprint) || previous.contains(fingerprint)) {
            return false;
        }
        if (current.size >= capacity || currentStarted && nowNanos - currentSince >= generationNanos) {
            Generation recycled = previous;
            recycled.clear();
            previous = current;
            current = recycled;
            currentStarted = false;
        }
        if (!currentStarted) {
            currentSince = nowNanos;
            currentStarted = true;
        }
        current.add(fingerprint);
        return true;
    }

    private long fingerprint(byte[] value) {
        fingerprints.update(value, 0, value.length);
        long h = fingerprints.doFinal();
        return h == 0 ? 1 : h;  // 0 marks an empty slot
    }

    /**
     * A set of at most {@code capacity} non-zero longs in an open-addressing table at most half
     * full. The table starts small and doubles as values arrive, so an idle server holds a few
     * KiB rather than the 2 MiB of a busy one; {@link #clear} gives the memory back.
     */
    private static final class Generation {
        private static final int INITIAL_TABLE_SIZE = 1 << 10;

        private final int maxTableSize;
        private long[] slots;
        private int mask;
        private int size;

        Generation(int capacity) {
            maxTableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
            allocate(Math.min(INITIAL_TABLE_SIZE, maxTableSize));
        }

        private void allocate(int tableSize) {
            slots = new long[tableSize];
            mask = tableSize - 1;
        }

        boolean contains(long value) {
            for (int i = (int) value & mask; ; i = (i + 1) & mask) {
                long slot = slots[i];
                if (slot == value) {
                    return true;
                }
                if (slot == 0) {
                    return false;
                }
            }
        }

        void add(long value) {
            if ((size + 1) * 2 > slots.length && slots.length < maxTableSize) {
                grow();
            }
            insert(value);
            size++;
        }

        private void insert(long value) {
            int i = (int) value & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = value;
        }

        private void grow() {
            long[] old = slots;
            allocate(old.length * 2);
            for (long value : old) {
                if (value != 0) {
                    insert(value);
                }
            }
        }

        void clear() {
            if (slots.length > INITIAL_TABLE_SIZE) {
                allocate(INITIAL_TABLE_SIZE);
            } else {
                Arrays.fill(slots, 0L);
            }
            size = 0;
        }
    }
}
