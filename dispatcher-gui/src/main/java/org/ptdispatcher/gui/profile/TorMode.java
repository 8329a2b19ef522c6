package org.ptdispatcher.gui.profile;

/**
 * Whether a profile runs with Tor: a client through Tor (tor as the app's child, with the
 * profile's bridge line; the user's programs then use tor's proxies), a server as a Tor bridge
 * (tor with {@code BridgeRelay 1} in front of the server's transport), or without Tor (the engine
 * alone, as for a Shadowsocks server).
 */
public enum TorMode {
    /** The engine alone: a client's proxy goes to its server, a server forwards to its target. */
    DIRECT,
    /** A client: tor runs with the profile's bridge line and the engine as its transport. */
    THROUGH_TOR,
    /** A server: a Tor bridge that only the people given its line know (not published, not distributed). */
    PRIVATE_BRIDGE,
    /** A server: a Tor bridge published to Tor's bridge authority and handed out to users by Tor. */
    PUBLIC_BRIDGE;

    public boolean isBridge() {
        return this == PRIVATE_BRIDGE || this == PUBLIC_BRIDGE;
    }
}
