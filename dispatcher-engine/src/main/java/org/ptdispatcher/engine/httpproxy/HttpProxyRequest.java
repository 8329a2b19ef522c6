package org.ptdispatcher.engine.httpproxy;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.TransportOptions;

/**
 * A complete HTTP proxy request.
 *
 * @param destination   where the application wants to go (CONNECT's authority, or the absolute URL's host and port)
 * @param args          per-connection transport args from {@code Proxy-Authorization: Basic} (empty without it)
 * @param forwardedHead for a request to forward, the head to send to the destination (origin-form target, no
 *                      hop-by-hop headers, {@code Connection: close}); empty for CONNECT, whose tunnel carries
 *                      the application's own bytes
 */
public record HttpProxyRequest(HostPort destination, TransportOptions args, byte[] forwardedHead) {
    public boolean isTunnel() {
        return forwardedHead.length == 0;
    }
}
