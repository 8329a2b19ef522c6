package org.ptdispatcher.engine.socks;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SocksHandshakeTimeoutTest {
    @Test
    void withoutThePropertyTheTimeoutIsTenSeconds() {
        assertEquals(Duration.ofSeconds(10), SocksHandshakeTimeout.parse(null));
    }

    @Test
    void thePropertyIsSecondsAndMayHaveAFraction() {
        assertEquals(Duration.ofSeconds(2), SocksHandshakeTimeout.parse("2"));
        assertEquals(Duration.ofMillis(250), SocksHandshakeTimeout.parse(" 0.25 "));
    }

    @Test
    void aValueThatIsNotAPositiveNumberOfSecondsKeepsTheDefault() {
        for (String bad : new String[] {"", "ten", "0", "-1", "3601", "NaN"}) {
            assertEquals(Duration.ofSeconds(10), SocksHandshakeTimeout.parse(bad), bad);
        }
    }
}
