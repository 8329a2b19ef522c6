package org.ptdispatcher.engine.transport.obfs4;

import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.probdist.WeightedDistribution;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packet-length and delay tables a client draws from once a server has sent its seed,
 * remembered for the last few seeds: a server sends the same seed on every connection, and
 * building the length table (a Go-compatible permutation of 1449 values, one SipHash each)
 * cost more per connection than the rest of the client's stream set-up. The tables are
 * read-only once built, so connections on any thread share them, as a server's connections
 * share its own.
 */
record ServerSeedTables(WeightedDistribution lengths, WeightedDistribution delays) {
    /** A client talks to a handful of bridges at most; past that, the least recently used goes. */
    private static final int REMEMBERED_SEEDS = 8;

    private static final Map<ByteBuffer, ServerSeedTables> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, ServerSeedTables> eldest) {
            return size() > REMEMBERED_SEEDS;
        }
    };

    /** The tables of this TYPE_PRNG_SEED payload ({@link HashDrbg#SEED_LENGTH} bytes). */
    static ServerSeedTables of(byte[] seed) {
        ByteBuffer key = ByteBuffer.wrap(seed.clone());
        synchronized (RECENT) {
            ServerSeedTables known = RECENT.get(key);
            if (known != null) {
                return known;
            }
        }
        // Built outside the lock; two threads that race build the same tables, and either is kept.
        ServerSeedTables built = build(seed);
        synchronized (RECENT) {
            RECENT.putIfAbsent(key, built);
        }
        return built;
    }

    static ServerSeedTables build(byte[] seed) {
        return new ServerSeedTables(new WeightedDistribution(seed, 0, Obfs4Framing.MAX_SEGMENT_LENGTH),
                new WeightedDistribution(Obfs4StreamHandler.delaySeed(seed), 0, Obfs4StreamHandler.MAX_DELAY_UNITS));
    }
}
