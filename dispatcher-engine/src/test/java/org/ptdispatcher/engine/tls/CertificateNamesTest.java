package org.ptdispatcher.engine.tls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateNamesTest {
    @Test
    void aDnsNameMatchesItselfInAnyCaseAndWithATrailingDot() {
        assertTrue(CertificateNames.dnsNameMatches("Bridge.Example.org", "bridge.example.org."));
        assertFalse(CertificateNames.dnsNameMatches("bridge.example.org", "other.example.org"));
    }

    @Test
    void aWildcardCoversExactlyOneLeftmostLabel() {
        assertTrue(CertificateNames.dnsNameMatches("*.example.org", "a.example.org"));
        assertFalse(CertificateNames.dnsNameMatches("*.example.org", "example.org"));
        assertFalse(CertificateNames.dnsNameMatches("*.example.org", "a.b.example.org"));
        assertFalse(CertificateNames.dnsNameMatches("a*.example.org", "ab.example.org"));
        assertFalse(CertificateNames.dnsNameMatches("*.*.org", "a.b.org"));
    }
}
