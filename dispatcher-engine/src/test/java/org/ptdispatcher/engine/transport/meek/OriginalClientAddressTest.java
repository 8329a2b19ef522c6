package org.ptdispatcher.engine.transport.meek;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** meek-server's useraddr_test.go cases for X-Forwarded-For, and Meek-IP's precedence. */
class OriginalClientAddressTest {

    private static Optional<String> forwardedFor(String value) {
        HttpHeaders headers = new DefaultHttpHeaders().set("X-Forwarded-For", value);
        return OriginalClientAddress.fromHeaders(headers).map(InetAddress::getHostAddress);
    }

    @Test
    void theFirstEntryOfXForwardedForAsMeekServerReadsIt() {
        assertEquals(Optional.empty(), forwardedFor(""));
        assertEquals(Optional.of("1.2.3.4"), forwardedFor("1.2.3.4"));
        assertEquals(Optional.of("1:2:0:0:0:0:3:4"), forwardedFor("1:2::3:4"));
        assertEquals(Optional.of("1.2.3.4"), forwardedFor("1.2.3.4,1:2::3:4"));
        assertEquals(Optional.of("1.2.3.4"), forwardedFor("1.2.3.4, 1:2::3:4"));
        assertEquals(Optional.of("1:2:0:0:0:0:3:4"), forwardedFor("1:2::3:4, 1.2.3.4"));
        assertEquals(Optional.empty(), forwardedFor("xyz"));
        assertEquals(Optional.empty(), forwardedFor("1.2.3.4:1234"));
        assertEquals(Optional.of("1.2.3.4"), forwardedFor("1.2.3.4, xyz"));
        assertEquals(Optional.of("1.2.3.4"), forwardedFor("1.2.3.4,,,"));
        assertEquals(Optional.empty(), forwardedFor("xyz, 1.2.3.4"));
        assertEquals(Optional.empty(), forwardedFor("[1:2::3:4]"));
        assertEquals(Optional.empty(), forwardedFor("[1:2::3:4]:1234"));
    }

    @Test
    void meekIpComesFirst() {
        HttpHeaders headers = new DefaultHttpHeaders().set("Meek-IP", "5.6.7.8").set("X-Forwarded-For", "1.2.3.4");
        assertEquals(Optional.of("5.6.7.8"), OriginalClientAddress.fromHeaders(headers).map(InetAddress::getHostAddress));
    }
}
