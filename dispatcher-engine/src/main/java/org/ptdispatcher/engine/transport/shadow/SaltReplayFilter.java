package org.ptdispatcher.engine.transport.shadow;

import java.util.Arrays;

/**
 * Remembers the salts of recent streams so that a recorded stream played back to the server is
 * refused. Memory is bounded: two generations of at most {@code capacity} salts each; when the
 * current one is full, the older is forgotten and the current becomes the older one (the same
 * "ping-pong" idea as shadowsocks-libev's pair of Bloom filters, but exact: a salt is
 * remembered by a 64-bit fingerprint in an open-addressing table, so a fresh salt is never
 * taken for a replay, barring a 2^-64-scale collision). The last {@code capacity} salts at least
 * are always remembered.
 *
 * <p>Salts are recorded only once their stream's first chunk has authenticated, so a prober
 * without the password cannot fill the filter. Thread-safe: all the server's event loops share
 * one filter.
 */
final class SaltReplayFilter {
    /** The default number of salts per generation (two full generations: about 4 MiB of memory). */
    static final int DEFAULT_CAPACITY = 1 << 17;

    private final int capacity;
    private Generation current;
    private Generation previous;

    SaltReplayFilter(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.current = new Generation(capacity);
        this.previous = new Generation(capacity);
    }

    /** Records {@code salt}; false if it was already recorded (a replay). */
    synchronized boolean addIfAbsent(byte[] salt) {
        long fingerprint = fingerprint(salt);
        if (current.contains(fingerprint) || previous.contains(fingerprint)) {
            return false;
        }
        if (current.size >= capacity) {
            Generation recycled = previous;
            recycled.clear();
            previous = current;
            current = recycled;
        }
        current.add(fingerprint);
        return true;
    }

    /**
     * 64 bits of the salt. Salts are uniformly random (an attacker cannot add salts without the
     * password), so their own bytes, folded, are as good as a hash.
     */
    static long fingerprint(byte[] salt) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < salt.length; i++) {
            h ^= (salt[i] & 0xffL) << ((i & 7) * 8);
            if ((i & 7) == 7) {
                h = Long.rotateLeft(h * 0xC2B2AE3D27D4EB4FL, 31);
            }
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /**
     * A set of at most {@code capacity} non-zero longs in an open-addressing table at most half
     * full. The table starts small and doubles as salts arrive, so an idle server holds a few
     * KiB rather than the full 2 MiB of a busy one; {@link #clear} gives the memory back.
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
