package org.ptdispatcher.engine.common;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostPortTest {

    @Test
    void parsesTheThreeKindsOfHost() {
        assertEquals(new HostPort("127.0.0.1", 9001), HostPort.parseDestination("127.0.0.1:9001"));
        assertEquals(new HostPort("2001:db8::1", 443), HostPort.parseDestination("[2001:db8::1]:443"));
        assertEquals(new HostPort("example.com", 9922), HostPort.parseDestination("example.com:9922"));
    }

    @Test
    void ipv6IsWrittenInBrackets() {
        assertEquals("[::1]:80", new HostPort("::1", 80).toString());
        assertEquals("127.0.0.1:80", new HostPort("127.0.0.1", 80).toString());
    }

    @Test
    void refusesWhatIsNotHostColonPort() {
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseDestination("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseDestination("::1:80"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseDestination("host:70000"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseDestination("host:0"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseDestination("bad host:1"));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseDestination(":1"));
    }

    @Test
    void bindableAddressesMustBeIpLiteralsAndMayUsePortZero() {
        assertEquals(0, HostPort.parseBindable("0.0.0.0:0").port());
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseBindable("localhost:1"));
    }

    @Test
    void literalsBecomeResolvedAddressesWithoutDnsAndNamesStayUnresolved() {
        InetSocketAddress literal = new HostPort("10.1.2.3", 5).toSocketAddress();
        assertFalse(literal.isUnresolved());
        assertEquals("10.1.2.3", literal.getAddress().getHostAddress());
        assertTrue(new HostPort("example.com", 5).toSocketAddress().isUnresolved());
    }
}
