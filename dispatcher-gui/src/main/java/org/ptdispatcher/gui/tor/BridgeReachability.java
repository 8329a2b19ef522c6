package org.ptdispatcher.gui.tor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a bridge's ORPort was found reachable from outside, as tor's own self-test tells it in
 * its log. Only the ORPort is tested: tor cannot test its transport's port (Tor's bridge
 * authority and bridgestrap do that for a public bridge), so that stays unknown here.
 *
 * @param state    where the test is
 * @param address  the ORPort's address as tor names it; empty when tor named none
 */
public record BridgeReachability(State state, String address) {
    public enum State {
        /** Tor did not say (a private bridge that assumes it is reachable, or before the test). */
        UNKNOWN,
        /** Tor is testing: it connects to its own ORPort through the network, which can take up to 20 minutes. */
        CHECKING,
        REACHABLE,
        /** Tor gave up: the ORPort is not reachable from outside (a firewall, or a router without port forwarding). */
        UNREACHABLE
    }

    public static final BridgeReachability UNKNOWN = new BridgeReachability(State.UNKNOWN, "");

    // Now checking whether IPv4 ORPort 203.0.113.5:9001 is reachable... (this may take up to 20 minutes -- look for log messages indicating success)
    private static final Pattern CHECKING = Pattern.compile("Now checking whether (?:IPv[46] )?ORPort (\\S+) is reachable");
    // Self-testing indicates your ORPort 203.0.113.5:9001 is reachable from the outside. Excellent.
    private static final Pattern REACHABLE = Pattern.compile("Self-testing indicates your ORPort (\\S+) is reachable from the outside");
    // Your server has not managed to confirm reachability for its ORPort(s) at 203.0.113.5:9001. Relays do not publish descriptors ...
    private static final Pattern UNREACHABLE = Pattern.compile("has not managed to confirm reachability for its ORPort\\(s\\) at (\\S+?)\\.?(?:\\s|$)");

    /** What one of tor's log messages says about it, if anything. */
    public static Optional<BridgeReachability> fromLogMessage(String message) {
        Matcher m;
        if ((m = REACHABLE.matcher(message)).find()) {
            return Optional.of(new BridgeReachability(State.REACHABLE, m.group(1)));
        }
        if ((m = UNREACHABLE.matcher(message)).find()) {
            return Optional.of(new BridgeReachability(State.UNREACHABLE, m.group(1)));
        }
        if ((m = CHECKING.matcher(message)).find()) {
            return Optional.of(new BridgeReachability(State.CHECKING, m.group(1)));
        }
        return Optional.empty();
    }
}
