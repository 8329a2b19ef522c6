package org.ptdispatcher.engine.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.ptdispatcher.engine.common.HostPort;

import java.net.InetSocketAddress;

/**
 * The address of the client a server connection serves. Usually the connection's peer; a
 * transport that sits behind a reverse proxy (webtunnel behind nginx) learns the real one from the
 * proxy (its {@code X-Forwarded-For}) and records it here before it completes its handshake, so that
 * the Extended ORPort's USERADDR names the client and not the proxy.
 */
public final class ClientAddress {
    private static final AttributeKey<HostPort> FORWARDED = AttributeKey.valueOf(ClientAddress.class, "forwarded");

    private ClientAddress() {
    }

    /** Records the client's address as a proxy in front reported it. */
    public static void setForwarded(Channel channel, HostPort client) {
        channel.attr(FORWARDED).set(client);
    }

    /** The address a transport recorded, else the connection's peer. */
    public static HostPort of(Channel channel) {
        HostPort forwarded = channel.attr(FORWARDED).get();
        return forwarded != null ? forwarded : HostPort.of((InetSocketAddress) channel.remoteAddress());
    }
}
