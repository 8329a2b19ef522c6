package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaltReplayFilterTest {
    private static byte[] salt(SplittableRandom random) {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        return salt;
    }

    @Test
    void aSaltIsAcceptedOnce() {
        SaltReplayFilter filter = new SaltReplayFilter(1000);
        byte[] salt = salt(new SplittableRandom(1));
        assertTrue(filter.addIfAbsent(salt));
        assertFalse(filter.addIfAbsent(salt.clone()));
        salt[31] ^= 1;
        assertTrue(filter.addIfAbsent(salt));
    }

    @Test
    void memoryIsBoundedButTheLatestSaltsAreAlwaysRemembered() {
        int capacity = 1000;
        SaltReplayFilter filter = new SaltReplayFilter(capacity);
        SplittableRandom random = new SplittableRandom(2);
        byte[][] salts = new byte[5 * capacity][];
        for (int i = 0; i < salts.length; i++) {
            salts[i] = salt(random);
            assertTrue(filter.addIfAbsent(salts[i]), "fresh salt " + i);
        }
        for (int i = salts.length - capacity; i < salts.length; i++) {
            assertFalse(filter.addIfAbsent(salts[i]), "recent salt " + i + " is remembered");
        }
        // The oldest generations are gone: the very first salt would be accepted again.
        assertTrue(filter.addIfAbsent(salts[0]));
    }

    @Test
    void aDefaultFilterRemembersEverySaltWhileItsTablesGrow() {
        SaltReplayFilter filter = new SaltReplayFilter(SaltReplayFilter.DEFAULT_CAPACITY);
        SplittableRandom random = new SplittableRandom(3);
        byte[][] salts = new byte[50_000][]; // past the first table (1,024 slots) by many doublings
        for (int i = 0; i < salts.length; i++) {
            salts[i] = salt(random);
            assertTrue(filter.addIfAbsent(salts[i]), "fresh salt " + i);
        }
        for (int i = 0; i < salts.length; i++) {
            assertFalse(filter.addIfAbsent(salts[i].clone()), "salt " + i + " is remembered");
        }
    }

    @Test
    void fingerprintsOfSimilarSaltsDiffer() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        b[15] = 1;
        assertTrue(SaltReplayFilter.fingerprint(a) != SaltReplayFilter.fingerprint(b));
    }
}
