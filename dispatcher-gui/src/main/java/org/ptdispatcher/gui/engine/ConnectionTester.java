package org.ptdispatcher.gui.engine;

import org.ptdispatcher.engine.common.HostPort;

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
}
