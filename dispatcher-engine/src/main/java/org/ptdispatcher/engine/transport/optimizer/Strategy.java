package org.ptdispatcher.engine.transport.optimizer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the Optimizer picks among its transports for each connection (shapeshifter-dispatcher's names). */
public enum Strategy {
    /** In the order given: the first that connects carries the connection. */
    FIRST("first"),
    /** In a new random order for each connection. */
    RANDOM("random"),
    /** Round robin: each connection starts one entry further along. */
    ROTATE("rotate"),
    /** The entry that last carried a connection first, then the order given. */
    TRACK("track"),
    /** All at once: the first whose handshake completes carries it, the others are closed. */
    MINIMIZE_DIAL_DURATION("minimizeDialDuration");

    private final String wireName;

    Strategy(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the options. */
    public String wireName() {
        return wireName;
    }

    /** Every name, in the options' spelling, for help and errors. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Strategy::wireName).toList();
    }

    public static Optional<Strategy> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
