package org.ptdispatcher.engine.transport.replay;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayFilterTest {
    private static final long FOREVER = Long.MAX_VALUE;
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static byte[] value(SplittableRandom random) {
        byte[] value = new byte[32];
        random.nextBytes(value);
        return value;
    }

    @Test
    void aValueIsAcceptedOnceAndAValueOneBitApartIsAnother() {
        ReplayFilter filter = new ReplayFilter(1000, FOREVER);
        byte[] value = value(new SplittableRandom(1));
        assertTrue(filter.addIfAbsent(0, value));
        assertFalse(filter.addIfAbsent(0, value.clone()));
        value[31] ^= 1;
        assertTrue(filter.addIfAbsent(0, value));
    }

    @Test
    void memoryIsBoundedButTheLatestCapacityValuesAreAlwaysRemembered() {
        int capacity = 1000;
        ReplayFilter filter = new ReplayFilter(capacity, FOREVER);
        SplittableRandom random = new SplittableRandom(2);
        byte[][] values = new byte[5 * capacity][];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(random);
            assertTrue(filter.addIfAbsent(0, values[i]), "fresh value " + i);
        }
        for (int i = values.length - capacity; i < values.length; i++) {
            assertFalse(filter.addIfAbsent(0, values[i]), "recent value " + i + " is remembered");
        }
        // The oldest generations are gone: the very first value would be accepted again.
        assertTrue(filter.addIfAbsent(0, values[0]));
    }

    @Test
    void obfs4ProxysPromiseTheLast100KMacsOfTheLastThreeHoursHoldsWhileTheTablesGrow() {
        int capacity = 100 * 1024;
        ReplayFilter filter = new ReplayFilter(capacity, 3 * HOUR);
        SplittableRandom random = new SplittableRandom(3);
        byte[][] macs = new byte[capacity][];
        long now = 5 * HOUR;
        for (int i = 0; i < macs.length; i++) {
            macs[i] = value(random);
            assertTrue(filter.addIfAbsent(now + i * (3 * HOUR / capacity), macs[i]), "fresh MAC " + i);
        }
        long later = now + 3 * HOUR - 1;
        for (int i = 0; i < macs.length; i++) {
            assertFalse(filter.addIfAbsent(later, macs[i].clone()), "MAC " + i + " is remembered");
        }
    }

    @Test
    void aGenerationOlderThanItsTimeMakesWayAndAValueOfTwoGenerationsAgoIsForgotten() {
        ReplayFilter filter = new ReplayFilter(1000, 3 * HOUR);
        SplittableRandom random = new SplittableRandom(4);
        byte[] old = value(random);
        assertTrue(filter.addIfAbsent(0, old));
        byte[] middle = value(random);
        assertTrue(filter.addIfAbsent(3 * HOUR, middle), "a new generation starts");
        assertFalse(filter.addIfAbsent(3 * HOUR + 1, old), "the older generation is still remembered");
        assertTrue(filter.addIfAbsent(6 * HOUR, value(random)), "and another");
        assertTrue(filter.addIfAbsent(6 * HOUR + 1, old), "two generations ago: forgotten, as obfs4proxy forgets after 3 hours");
        assertFalse(filter.addIfAbsent(6 * HOUR + 2, middle));
    }
}
