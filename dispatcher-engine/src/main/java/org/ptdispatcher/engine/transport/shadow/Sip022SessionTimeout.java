package org.ptdispatcher.engine.transport.shadow;

import java.time.Duration;

/**
 * How long a Shadowsocks 2022 UDP session, or a client's association with one server session, is
 * remembered after its last packet. SIP022 3.2.4 asks for at least 60 s: a packet may be replayed
 * for as long as its timestamp is within 30 s of the clock, and a session forgotten sooner would
 * come back with an empty replay window and take the replay.
 */
public final class Sip022SessionTimeout {
    public static final Duration MINIMUM = Duration.ofSeconds(60);

    private Sip022SessionTimeout() {
    }

    /** {@code timeout}, or the minimum if it is shorter: what a mode with a shorter idle timeout must keep sessions for. */
    public static Duration atLeastMinimum(Duration timeout) {
        return timeout.compareTo(MINIMUM) < 0 ? MINIMUM : timeout;
    }

    /** {@code timeout} in nanoseconds, if it is long enough. */
    static long nanos(Duration timeout) {
        if (timeout.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("a Shadowsocks 2022 UDP session must be remembered for at least "
                    + MINIMUM.toSeconds() + " s, not " + timeout);
        }
        return timeout.toNanos();
    }
}
