package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OperatorBridgeLineTest {
    private static final String PT_LINE = """
            # obfs4 torrc client bridge line
            #
            # This file is an automatically generated bridge line based on
            # the current lyrebird configuration.  EDITING IT WILL HAVE NO
            # EFFECT.
            #
            #  <FINGERPRINT> - The bridge's fingerprint.

            Bridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> cert=fiOnvkgBSX2DV7y1VtbfjJDGxvxfLiLv3hjFfmB4rGAR/TESrW8ng8pxibLlTf1g1lmKbw iat-mode=0
            """;

    @Test
    void torsFingerprintAndTheTransportsArgumentsAtTheReachableAddress() {
        assertEquals("obfs4 203.0.113.7:443 C063B39481F0FFE18F8D4CFAF463E63509A18C89 cert=fiOnvkgBSX2DV7y1VtbfjJDGxvxfLiLv3hjFfmB4rGAR/TESrW8ng8pxibLlTf1g1lmKbw iat-mode=0",
                OperatorBridgeLine.of("obfs4", HostPort.parseDestination("203.0.113.7:443"),
                        "bridgelyrebird C063B39481F0FFE18F8D4CFAF463E63509A18C89\n", Optional.of(PT_LINE)).render());
    }

    @Test
    void aTransportWithoutArgumentsHasNone() {
        assertEquals("plain 203.0.113.7:4433 C063B39481F0FFE18F8D4CFAF463E63509A18C89",
                OperatorBridgeLine.of("plain", HostPort.parseDestination("203.0.113.7:4433"),
                        "ptd C063B39481F0FFE18F8D4CFAF463E63509A18C89", Optional.empty()).render());
    }

    @Test
    void noFingerprintNoLine() {
        assertThrows(IllegalArgumentException.class, () -> OperatorBridgeLine.of("plain", HostPort.parseDestination("203.0.113.7:1"), "", Optional.empty()));
    }
}
