package org.ptdispatcher.engine.transport.obfs4;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.probdist.WeightedDistribution;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The tables a client builds from a server's seed: the same as built afresh, and built once per seed. */
class ServerSeedTablesTest {

    @Test
    void aSeedSeenBeforeGivesTheSameTablesWithoutRebuildingThem() {
        byte[] seed = seed(1);
        ServerSeedTables first = ServerSeedTables.of(seed);
        byte[] again = seed.clone();
        seed[0] ^= 1; // the caller's array changing afterwards does not change what the cache holds
        assertSame(first, ServerSeedTables.of(again));
        assertNotSame(first, ServerSeedTables.of(seed(2)));
    }

    @Test
    void cachedTablesAreTheOnesTheSeedDefines() {
        byte[] seed = seed(3);
        ServerSeedTables cached = ServerSeedTables.of(seed);
        assertArrayEquals(new WeightedDistribution(seed, 0, Obfs4Framing.MAX_SEGMENT_LENGTH).support(), cached.lengths().support());
        assertArrayEquals(new WeightedDistribution(Obfs4StreamHandler.delaySeed(seed), 0, Obfs4StreamHandler.MAX_DELAY_UNITS).support(),
                cached.delays().support());
    }

    @Test
    void olderSeedsAreForgottenPastAFewBridges() {
        ServerSeedTables first = ServerSeedTables.of(seed(100));
        for (int i = 0; i < 20; i++) {
            ServerSeedTables.of(seed(200 + i));
        }
        assertNotSame(first, ServerSeedTables.of(seed(100)));
    }

    private static byte[] seed(int n) {
        byte[] seed = new byte[HashDrbg.SEED_LENGTH];
        new Random(n).nextBytes(seed);
        return seed;
    }
}
