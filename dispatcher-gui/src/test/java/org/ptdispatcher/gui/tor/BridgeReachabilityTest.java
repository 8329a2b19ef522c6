package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tor 0.4.9's self-test notices, as a relay writes them. */
class BridgeReachabilityTest {
    @Test
    void theSelfTestAsItGoes() {
        assertEquals(Optional.of(new BridgeReachability(BridgeReachability.State.CHECKING, "203.0.113.5:9001")),
                BridgeReachability.fromLogMessage("Now checking whether IPv4 ORPort 203.0.113.5:9001 is reachable... "
                        + "(this may take up to 20 minutes -- look for log messages indicating success)"));
        assertEquals(Optional.of(new BridgeReachability(BridgeReachability.State.REACHABLE, "203.0.113.5:9001")),
                BridgeReachability.fromLogMessage("Self-testing indicates your ORPort 203.0.113.5:9001 is reachable from the outside. Excellent."));
        assertEquals(Optional.of(new BridgeReachability(BridgeReachability.State.UNREACHABLE, "203.0.113.5:9001")),
                BridgeReachability.fromLogMessage("Your server has not managed to confirm reachability for its ORPort(s) at 203.0.113.5:9001. "
                        + "Relays do not publish descriptors until their ORPort and DirPort are reachable. Please check your firewalls, ports, "
                        + "address, /etc/hosts file, etc."));
    }

    @Test
    void otherMessagesSayNothingAboutIt() {
        assertEquals(Optional.empty(), BridgeReachability.fromLogMessage("Bootstrapped 100% (done): Done"));
    }
}
