package org.ptdispatcher.engine.ipc;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionNegotiationTest {

    private static String agreed(String offered) {
        return assertInstanceOf(VersionNegotiation.Agreed.class, VersionNegotiation.negotiate(Optional.ofNullable(offered))).dialect().version();
    }

    @Test
    void noOfferGetsTheNewest() {
        assertEquals("2.2", agreed(null));
        assertEquals("2.2", agreed(""));
    }

    @Test
    void theHighestOfferedVersionSpokenHereWins() {
        assertEquals("2.2", agreed("1,1a,2.2,this_is_a_valid_version"));
        assertEquals("2", agreed("1,2"));
        assertEquals("2.1", agreed("2.1"));
        assertEquals("1", agreed("1"));
    }

    @Test
    void versionOneSpeaksTorsDialect() {
        assertInstanceOf(TorPt1Dialect.class, ((VersionNegotiation.Agreed) VersionNegotiation.negotiate(Optional.of("1"))).dialect());
    }

    @Test
    void nothingCompatibleIsAVersionError() {
        VersionNegotiation.Refused refused = assertInstanceOf(VersionNegotiation.Refused.class, VersionNegotiation.negotiate(Optional.of("3,4")));
        assertEquals("no-version", refused.message());
    }

    @Test
    void aMalformedListIsAVersionErrorThatSaysSo() {
        VersionNegotiation.Refused refused = assertInstanceOf(VersionNegotiation.Refused.class, VersionNegotiation.negotiate(Optional.of("1, 2")));
        assertTrue(refused.message().startsWith("no-version (the version list \"1, 2\" is malformed"));
        assertInstanceOf(VersionNegotiation.Refused.class, VersionNegotiation.negotiate(Optional.of("2,,1")));
    }
}
