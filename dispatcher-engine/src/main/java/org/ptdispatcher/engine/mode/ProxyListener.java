package org.ptdispatcher.engine.mode;

import org.ptdispatcher.engine.config.HostPort;

/** Something a mode listens with (a TCP listener, a UDP socket) for one transport. */
public interface ProxyListener {

    /**
     * Binds, blocking until bound.
     *
     * @return the address actually bound, for the CMETHOD/SMETHOD line (port 0 becomes the real port)
     * @throws ListenFailedException with the operating system's reason
     */
    HostPort bind(HostPort address) throws ListenFailedException;
}
