package org.ptdispatcher.gui.engine;

import java.io.IOException;

/**
 * The destination of the "try it on this computer" pair: an echo service on loopback inside the
 * app, and the free ports the pair's addresses (and every new profile's port) are made of. A service the demo view model
 * receives (the app's is {@link DemoEchoService}).
 */
public interface DemoEcho {
    /** A loopback port free now: for one of the pair's addresses, and a new profile's fixed port. */
    int freePort();

    /** Makes the echo listen on 127.0.0.1:{@code port}: nothing to do if it already does, else (re)started there. */
    void listenOn(int port) throws IOException;

    /** Stops listening (the app is closing). */
    void close();
}
