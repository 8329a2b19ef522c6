package org.ptdispatcher.gui.engine;

import org.ptdispatcher.engine.common.HostPort;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Tests a running client's proxy by connecting through it. A service the connection-test view
 * model receives (the app's is {@link SocksConnectionTest}). Blocking: called off the FX thread.
 */
public interface ConnectionTester {
    /**
     * @param proxy       the SOCKS listener, as a CMETHOD line gives it
     * @param destination where to connect through it
     * @param args        per-connection transport arguments; empty for none
     */
    ConnectionTestResult test(HostPort proxy, HostPort destination, Map<String, String> args, Duration timeout);

    /**
     * Fetches a web page ({@code http://} or {@code https://}) through the proxy, as a browser set
     * to use it would: what a client through Tor is tested with.
     */
    ConnectionTestResult fetch(HostPort proxy, URI page, Duration timeout);
}
