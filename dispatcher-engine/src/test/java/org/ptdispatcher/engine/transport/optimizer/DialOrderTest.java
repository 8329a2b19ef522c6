package org.ptdispatcher.engine.transport.optimizer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialOrderTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private DialOrder order(Strategy strategy) {
        return new DialOrder(strategy, 3, now::get, new Random(7));
    }

    private void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void firstTriesTheEntriesInTheOrderGivenEveryTime() {
        DialOrder order = order(Strategy.FIRST);
        assertEquals(List.of(0, 1, 2), order.next());
        order.carried(2);
        assertEquals(List.of(0, 1, 2), order.next());
    }

    @Test
    void rotateStartsEachConnectionOneEntryFurther() {
        DialOrder order = order(Strategy.ROTATE);
        assertEquals(List.of(0, 1, 2), order.next());
        assertEquals(List.of(1, 2, 0), order.next());
        assertEquals(List.of(2, 0, 1), order.next());
        assertEquals(List.of(0, 1, 2), order.next());
    }

    @Test
    void randomTriesEveryEntryOnceInOrdersThatVary() {
        DialOrder order = order(Strategy.RANDOM);
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            List<Integer> next = order.next();
            assertEquals(Set.of(0, 1, 2), new HashSet<>(next));
            assertEquals(3, next.size());
            seen.add(next);
        }
        assertTrue(seen.size() > 1, "50 random orders were all " + seen);
    }

    @Test
    void trackTriesTheLastCarrierFirstThenTheOrderGiven() {
        DialOrder order = order(Strategy.TRACK);
        assertEquals(List.of(0, 1, 2), order.next());
        order.carried(2);
        assertEquals(List.of(2, 0, 1), order.next());
        order.carried(1);
        assertEquals(List.of(1, 0, 2), order.next());
    }

    @Test
    void minimizeDialDurationRacesEveryReadyEntry() {
        DialOrder order = order(Strategy.MINIMIZE_DIAL_DURATION);
        assertEquals(List.of(0, 1, 2), order.next());
        order.failed(1);
        assertEquals(List.of(0, 2), order.next());
    }

    @Test
    void minimizeDialDurationRacesAllWhenNoneIsReady() {
        DialOrder order = order(Strategy.MINIMIZE_DIAL_DURATION);
        order.failed(0);
        order.failed(1);
        order.failed(2);
        assertEquals(List.of(0, 1, 2), order.next());
    }

    @Test
    void aFailedEntryGoesLastUntilItsBackoffEndsThenBackToItsPlace() {
        DialOrder order = order(Strategy.FIRST);
        assertEquals(Duration.ofSeconds(1), order.failed(0));
        assertEquals(List.of(1, 2, 0), order.next());
        pass(Duration.ofMillis(999));
        assertEquals(List.of(1, 2, 0), order.next());
        pass(Duration.ofMillis(1));
        assertEquals(List.of(0, 1, 2), order.next());
    }

    @Test
    void aTrackedCarrierThatFailsGivesWayUntilItsBackoffEnds() {
        DialOrder order = order(Strategy.TRACK);
        order.carried(1);
        order.failed(1);
        assertEquals(List.of(0, 2, 1), order.next());
        pass(Duration.ofSeconds(1));
        assertEquals(List.of(1, 0, 2), order.next());
    }

    @Test
    void theBackoffDoublesWithFailuresInARowUpToAMinuteAndASuccessResetsIt() {
        DialOrder order = order(Strategy.FIRST);
        assertEquals(Duration.ofSeconds(1), order.failed(0));
        assertEquals(Duration.ofSeconds(2), order.failed(0));
        assertEquals(Duration.ofSeconds(4), order.failed(0));
        for (int i = 0; i < 20; i++) {
            order.failed(0);
        }
        assertEquals(Duration.ofMinutes(1), order.failed(0));
        order.carried(0);
        assertEquals(List.of(0, 1, 2), order.next());
        assertEquals(Duration.ofSeconds(1), order.failed(0));
    }
}
