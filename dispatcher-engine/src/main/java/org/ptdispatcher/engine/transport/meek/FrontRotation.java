package org.ptdispatcher.engine.transport.meek;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The url/front pairs of one connection, in a random order (lyrebird inserts each pair at a random
 * place), used one at a time: a request that fails moves to the next, round and round.
 */
final class FrontRotation {
    private final List<MeekTarget> targets;
    private int index;

    FrontRotation(List<MeekTarget> given, RandomGenerator random) {
        List<MeekTarget> shuffled = new ArrayList<>();
        for (MeekTarget target : given) {
            shuffled.add(random.nextInt(shuffled.size() + 1), target);
        }
        this.targets = List.copyOf(shuffled);
    }

    MeekTarget current() {
        return targets.get(index);
    }

    void next() {
        index = (index + 1) % targets.size();
    }

    List<MeekTarget> all() {
        return targets;
    }
}
