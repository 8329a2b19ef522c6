package org.ptdispatcher.engine.net;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.proxy.ProxyConnectException;

import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Why an outgoing connection failed, in the terms SOCKS replies use. Both NIO and native epoll
 * report the operating system's reason in the message text (strerror), so that is what is read.
 */
public enum ConnectFailure {
    NETWORK_UNREACHABLE,
    HOST_UNREACHABLE,
    REFUSED,
    TIMED_OUT,
    GENERAL;

    /** Whether the connection failed because the process has no file descriptors left (SOCKS: general failure). */
    public static boolean isDescriptorShortage(Throwable cause) {
        return DescriptorShortage.isShortage(cause);
    }

    public static ConnectFailure classify(Throwable cause) {
        // Messages first: the operating system's words are the most precise (see UnreachableProbe).
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = cause; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof ProxyConnectException) {
                // The upstream proxy's own failure: it says nothing certain about the destination.
                return GENERAL;
            }
            if (t instanceof ConnectTimeoutException || t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return TIMED_OUT;
            }
            if (t instanceof UnknownHostException) {
                return HOST_UNREACHABLE;
            }
        }
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("network is unreachable")) {
                return NETWORK_UNREACHABLE;
            }
            if (message.contains("no route to host") || message.contains("host is unreachable")) {
                return HOST_UNREACHABLE;
            }
            // Not "connection reset": a connect is refused with ECONNREFUSED; a reset comes on a
            // connection that was made (a transport's handshake cut short), which is no refusal.
            if (message.contains("connection refused")) {
                return REFUSED;
            }
            if (message.contains("timed out")) {
                return TIMED_OUT;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof NoRouteToHostException) {
                return HOST_UNREACHABLE;
            }
        }
        return GENERAL;
    }
}
