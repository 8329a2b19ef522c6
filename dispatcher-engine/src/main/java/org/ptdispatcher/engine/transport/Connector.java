package org.ptdispatcher.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import org.ptdispatcher.engine.common.HostPort;

/**
 * Opens outgoing TCP connections for a transport that makes its own ({@link ClientConnection.SelfMade}:
 * meek opens one HTTP connection after another), the way the mode dials for the others: through the
 * upstream proxy when there is one, counted and closed at shutdown with the rest.
 */
@FunctionalInterface
public interface Connector {

    /** Connects to {@code address} on {@code loop}; the future completes with an active channel or fails with the cause. */
    Future<Channel> connect(EventLoop loop, HostPort address);
}
