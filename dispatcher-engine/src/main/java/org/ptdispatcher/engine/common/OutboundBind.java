package org.ptdispatcher.engine.common;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Source addresses for outgoing connections ({@code TOR_PT_OUTBOUND_BIND_ADDRESS_V4}/{@code _V6}),
 * for machines with several interfaces. Loopback destinations always use the default source, as
 * pt-spec requires.
 */
public record OutboundBind(Optional<InetAddress> v4, Optional<InetAddress> v6) {

    public static OutboundBind none() {
        return new OutboundBind(Optional.empty(), Optional.empty());
    }

    public boolean isSet() {
        return v4.isPresent() || v6.isPresent();
    }

    /** The local address to bind before connecting to {@code destination}, if any applies. */
    public Optional<InetSocketAddress> sourceFor(InetSocketAddress destination) {
        InetAddress address = destination.getAddress();
        if (address == null || address.isLoopbackAddress()) {
            return Optional.empty();
        }
        return (address instanceof Inet6Address ? v6 : v4).map(a -> new InetSocketAddress(a, 0));
    }
}
