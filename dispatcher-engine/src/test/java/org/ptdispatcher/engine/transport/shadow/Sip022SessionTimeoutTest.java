package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The 60 s floor SIP022 3.2.4 puts under a UDP session's memory, as the modes and the tables apply it. */
class Sip022SessionTimeoutTest {
    @Test
    void aModesShorterIdleTimeoutIsRaisedToSixtySeconds() {
        assertEquals(Duration.ofSeconds(60), Sip022SessionTimeout.atLeastMinimum(Duration.ofSeconds(5)));
    }

    @Test
    void aLongerIdleTimeoutIsKept() {
        assertEquals(Duration.ofSeconds(300), Sip022SessionTimeout.atLeastMinimum(Duration.ofSeconds(300)));
    }

    @Test
    void aTableRefusesLessThanSixtySeconds() {
        assertThrows(IllegalArgumentException.class, () -> Sip022SessionTimeout.nanos(Duration.ofMillis(59_999)));
        assertEquals(60_000_000_000L, Sip022SessionTimeout.nanos(Duration.ofSeconds(60)));
    }
}
