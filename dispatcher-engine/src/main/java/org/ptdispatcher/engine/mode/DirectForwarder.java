package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.net.Dialer;

import java.net.NoRouteToHostException;
import java.util.Optional;

/**
 * Forwards to the configured target ({@code -target}, {@code TOR_PT_ORPORT}); when the server has
 * none, to the destination the client sent inside the transport (Shadowsocks' proxy model).
 */
public final class DirectForwarder implements ServerForwarder {
    private final Dialer dialer;
    private final Optional<HostPort> target;

    public DirectForwarder(Dialer dialer, Optional<HostPort> target) {
        this.dialer = dialer;
        this.target = target;
    }

    @Override
    public Future<Channel> open(Channel client, Optional<HostPort> requested) {
        Optional<HostPort> destination = target.or(() -> requested);
        if (destination.isEmpty()) {
            return client.eventLoop().newFailedFuture(new NoRouteToHostException("no target to forward to: the server has none and the client named none"));
        }
        return dialer.dial(client.eventLoop(), destination.get());
    }
}
