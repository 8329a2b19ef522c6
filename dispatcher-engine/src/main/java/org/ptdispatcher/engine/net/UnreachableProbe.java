package org.ptdispatcher.engine.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.channels.SocketChannel;

/**
 * Netty's native epoll transport reports both ENETUNREACH and EHOSTUNREACH as a
 * {@link NoRouteToHostException} without a message, but SOCKS has a reply code for each. Both
 * errors come back from connect() at once, so asking the kernel again with a non-blocking JDK
 * socket (which keeps the operating system's message) tells them apart without blocking.
 */
final class UnreachableProbe {
    private UnreachableProbe() {
    }

    /** {@code failure}, or a copy whose message says which kind of unreachable it was. */
    static Throwable explain(Throwable failure, InetSocketAddress address) {
        NoRouteToHostException bare = bareNoRoute(failure);
        if (bare == null || address.isUnresolved()) {
            return failure;
        }
        try (SocketChannel probe = SocketChannel.open()) {
            probe.configureBlocking(false);
            probe.connect(address);
        } catch (IOException e) {
            if (e.getMessage() != null) {
                NoRouteToHostException explained = new NoRouteToHostException(e.getMessage() + ": " + address);
                explained.initCause(failure);
                return explained;
            }
        }
        return failure;
    }

    private static NoRouteToHostException bareNoRoute(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoRouteToHostException n && n.getMessage() == null) {
                return n;
            }
        }
        return null;
    }
}
