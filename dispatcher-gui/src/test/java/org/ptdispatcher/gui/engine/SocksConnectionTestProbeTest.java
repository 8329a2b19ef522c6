package org.ptdispatcher.gui.engine;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the connection test sends through the tunnel: what a browser would send first. */
class SocksConnectionTestProbeTest {

    @Test
    void port80GetsAnHttpRequestForTheHost() throws Exception {
        String probe = new String(SocksConnectionTest.probeFor(new HostPort("example.com", 80)), StandardCharsets.US_ASCII);
        assertTrue(probe.startsWith("HEAD / HTTP/1.1\r\nHost: example.com\r\n"), probe);
        assertTrue(probe.endsWith("\r\n\r\n"), probe);
    }

    @Test
    void anyOtherPortGetsATlsClientHelloNamingTheHost() throws Exception {
        byte[] probe = SocksConnectionTest.probeFor(new HostPort("www.example.org", 443));
        assertEquals(0x16, probe[0], "a TLS handshake record");
        assertEquals(0x03, probe[1], "TLS record version 3.x");
        assertEquals(0x01, probe[5], "a ClientHello");
        assertTrue(new String(probe, StandardCharsets.ISO_8859_1).contains("www.example.org"), "the name goes as SNI");
    }

    @Test
    void anAddressGetsAClientHelloWithoutAName() throws Exception {
        byte[] probe = SocksConnectionTest.probeFor(new HostPort("192.0.2.10", 8443));
        assertEquals(0x16, probe[0]);
        assertTrue(!new String(probe, StandardCharsets.ISO_8859_1).contains("192.0.2.10"), "no SNI for an address (RFC 6066 section 3)");
    }
}
