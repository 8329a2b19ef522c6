package org.ptdispatcher.engine.httpproxy;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head of an HTTP proxy request: what is carried where, how it is rewritten, and every refusal's status. */
class HttpProxyHeadTest {

    @Test
    void connectNamesTheTunnelsDestination() throws HttpProxyRefusal {
        HttpProxyRequest request = HttpProxyHead.parse("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
        assertEquals(new HostPort("example.com", 443), request.destination());
        assertTrue(request.isTunnel());
        assertEquals(new HostPort("2001:db8::1", 8443), HttpProxyHead.parse("CONNECT [2001:db8::1]:8443 HTTP/1.1\r\n\r\n").destination());
    }

    @Test
    void anAbsoluteUrlIsForwardedInOriginFormWithoutHopByHopHeadersAndClosing() throws HttpProxyRefusal {
        HttpProxyRequest request = HttpProxyHead.parse("GET http://example.com:8080/a/b?c=d#frag HTTP/1.1\r\n"
                + "Host: example.com:8080\r\nProxy-Connection: keep-alive\r\nConnection: keep-alive, X-Private\r\n"
                + "X-Private: 1\r\nProxy-Authorization: Basic Og==\r\nAccept: */*\r\n\r\n");
        assertEquals(new HostPort("example.com", 8080), request.destination());
        assertFalse(request.isTunnel());
        assertEquals("GET /a/b?c=d HTTP/1.1\r\nHost: example.com:8080\r\nAccept: */*\r\nConnection: close\r\n\r\n",
                new String(request.forwardedHead(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aMissingHostHeaderIsAddedAndThePortDefaultsTo80() throws HttpProxyRefusal {
        HttpProxyRequest request = HttpProxyHead.parse("\r\nHEAD http://example.com HTTP/1.0\nUser-Agent: t\n\n");
        assertEquals(new HostPort("example.com", 80), request.destination());
        assertEquals("HEAD / HTTP/1.0\r\nHost: example.com\r\nUser-Agent: t\r\nConnection: close\r\n\r\n",
                new String(request.forwardedHead(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void transportArgsComeFromBasicProxyAuthorization() throws HttpProxyRefusal {
        String credentials = Base64.getEncoder().encodeToString("cert=abc;iat-mode=0:".getBytes(StandardCharsets.UTF_8));
        HttpProxyRequest request = HttpProxyHead.parse("CONNECT 192.0.2.1:443 HTTP/1.1\r\nProxy-Authorization: Basic " + credentials + "\r\n\r\n");
        assertEquals(Map.of("cert", "abc", "iat-mode", "0"), request.args().asMap());
    }

    @Test
    void eachMalformedHeadGetsItsStatus() {
        assertStatus(HttpStatus.BAD_REQUEST, "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertStatus(HttpStatus.NOT_IMPLEMENTED, "GET https://a/ HTTP/1.1\r\n\r\n");
        assertStatus(HttpStatus.VERSION_NOT_SUPPORTED, "GET http://a/ HTTP/2.0\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "GET http://a/ HTTP/1.1\r\nX: 1\r\n folded\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "GET  http://a/ HTTP/1.1\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "CONNECT a HTTP/1.1\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "CONNECT user@a:443 HTTP/1.1\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "CONNECT a:0 HTTP/1.1\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "GET http://a/\u0000 HTTP/1.1\r\n\r\n");
        assertStatus(HttpStatus.BAD_REQUEST, "GET http://a/ HTTP/1.1\r\nX: 1\r\n");
        assertStatus(HttpStatus.HEADERS_TOO_LARGE, "GET http://a/ HTTP/1.1\r\n" + "X: 1\r\n".repeat(HttpProxyHead.MAX_HEADERS + 1) + "\r\n");
        assertStatus(HttpStatus.PROXY_AUTHENTICATION_REQUIRED, "CONNECT a:1 HTTP/1.1\r\nProxy-Authorization: Bearer x\r\n\r\n");
        assertStatus(HttpStatus.PROXY_AUTHENTICATION_REQUIRED, "CONNECT a:1 HTTP/1.1\r\nProxy-Authorization: Basic !!\r\n\r\n");
    }

    @Test
    void aRefusalNamesWhatIsWrongButNeverQuotesTheRequest() {
        HttpProxyRefusal refusal = assertThrows(HttpProxyRefusal.class,
                () -> HttpProxyHead.parse("CONNECT a:1 HTTP/1.1\r\nProxy-Authorization: Basic " + Base64.getEncoder()
                        .encodeToString("password-S3cr3t".getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n"));
        assertFalse(refusal.getMessage().contains("S3cr3t"), refusal.getMessage());
    }

    private static void assertStatus(HttpStatus expected, String head) {
        HttpProxyRefusal refusal = assertThrows(HttpProxyRefusal.class, () -> HttpProxyHead.parse(head), head);
        assertEquals(expected, refusal.status(), head + ": " + refusal.getMessage());
    }
}
