package org.ptdispatcher.engine.mode;

import org.ptdispatcher.engine.common.HostPort;

/** Something a mode listens with (a TCP listener, a UDP socket) for one transport. */
public interface ProxyListener {

    /**
     * Binds, blocking until bound.
     *
     * @return the address actually bound, for the CMETHOD/SMETHOD line (port 0 becomes the real port)
     * @throws ListenFailedException with the operating system's reason
     */
    HostPort bind(HostPort address) throws ListenFailedException;

    /**
     * Starts handling what arrives at the bound address; called once the address has been
     * announced. A listener that is fully running once bound (a UDP socket) has nothing to do here.
     *
     * @throws ListenFailedException if the listener cannot be served after all
     */
    default void serve() throws ListenFailedException {
    }
}
