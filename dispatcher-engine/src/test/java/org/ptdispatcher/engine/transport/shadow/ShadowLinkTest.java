package org.ptdispatcher.engine.transport.shadow;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples are SIP002's own (shared/spec/shadowsocks-sip002.md). */
class ShadowLinkTest {
    @Test
    void rendersSip002WithBase64UrlUserInfo() {
        ShadowLink link = ShadowLink.of(new HostPort("192.168.100.1", 8888), ShadowCipher.AES_128_GCM, "test", Optional.of("Example1"));
        // The SIP002 spec's own first example.
        assertEquals("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1", link.render());
    }

    @Test
    void rendersIpv6AndEscapesTheTag() {
        ShadowLink link = ShadowLink.of(new HostPort("2001:db8::1", 443), ShadowCipher.CHACHA20_IETF_POLY1305, "p@ss:w/rd?",
                Optional.of("my server #1"));
        String text = link.render();
        assertTrue(text.startsWith("ss://"), text);
        assertTrue(text.contains("@[2001:db8::1]:443#my%20server%20%231"), text);
        assertFalse(text.contains("p@ss"), "the password is inside the Base64 user info");
        assertEquals(link, ShadowLink.parse(text));
    }

    @Test
    void forServerUsesTheSmethodArgs() {
        ShadowLink link = ShadowLink.forServer(new HostPort("127.0.0.1", 4891), Optional.of("AES-256-GCM"), "pw", Optional.empty());
        assertEquals("ss://YWVzLTI1Ni1nY206cHc@127.0.0.1:4891", link.render());
        assertEquals("chacha20-ietf-poly1305", ShadowLink.forServer(new HostPort("127.0.0.1", 1), Optional.empty(), "pw", Optional.empty()).method());
        assertThrows(IllegalArgumentException.class,
                () -> ShadowLink.forServer(new HostPort("127.0.0.1", 1), Optional.of("rc4-md5"), "pw", Optional.empty()));
    }

    @Test
    void parsesTheSip002Examples() {
        ShadowLink one = ShadowLink.parse("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1");
        assertEquals(new ShadowLink("aes-128-gcm", "test", new HostPort("192.168.100.1", 8888), Optional.empty(), Optional.of("Example1")), one);
        assertEquals(Optional.of(ShadowCipher.AES_128_GCM), one.cipher());

        ShadowLink two = ShadowLink.parse("ss://cmM0LW1kNTpwYXNzd2Q@192.168.100.1:8888/?plugin=obfs-local%3Bobfs%3Dhttp#Example2");
        assertEquals("rc4-md5", two.method());
        assertEquals("passwd", two.password());
        assertEquals(Optional.of("obfs-local;obfs=http"), two.plugin());
        assertEquals(Optional.empty(), two.cipher(), "a stream cipher is not one of ours");

        ShadowLink three = ShadowLink.parse("ss://2022-blake3-aes-256-gcm:YctPZ6U7xPPcU%2Bgp3u%2B0tx%2FtRizJN9K8y%2BuKlW2qjlI%3D@192.168.100.1:8888#Example3");
        assertEquals("2022-blake3-aes-256-gcm", three.method());
        assertEquals("YctPZ6U7xPPcU+gp3u+0tx/tRizJN9K8y+uKlW2qjlI=", three.password());

        ShadowLink dummy = ShadowLink.parse("ss://YmYtY2ZiOnRlc3Q@192.168.100.1:8888/?plugin=url-encoded-plugin-argument-value&unsupported-arguments=should-be-ignored#Dummy+profile+name");
        assertEquals(Optional.of("Dummy profile name"), dummy.tag());
        assertEquals(Optional.of("url-encoded-plugin-argument-value"), dummy.plugin());
    }

    @Test
    void parsesPaddedAndStandardBase64() {
        // "aes-256-gcm:a+b/c?" in standard Base64 with padding.
        String userInfo = java.util.Base64.getEncoder().encodeToString("aes-256-gcm:a+b/c?".getBytes());
        ShadowLink link = ShadowLink.parse("ss://" + userInfo + "@example.com:8388");
        assertEquals("a+b/c?", link.password());
        assertEquals(new HostPort("example.com", 8388), link.server());
    }

    @Test
    void parsesTheLegacyForm() {
        String legacy = java.util.Base64.getEncoder().encodeToString("AES-256-GCM:pa:ss@word@10.0.0.1:8388".getBytes());
        ShadowLink link = ShadowLink.parse("ss://" + legacy + "#Old%20style");
        assertEquals("aes-256-gcm", link.method());
        assertEquals("pa:ss@word", link.password());
        assertEquals(new HostPort("10.0.0.1", 8388), link.server());
        assertEquals(Optional.of("Old style"), link.tag());
    }

    @Test
    void roundTripsEveryCipher() {
        for (ShadowCipher cipher : ShadowCipher.values()) {
            ShadowLink link = ShadowLink.of(new HostPort("example.org", 443), cipher, "ünïcode pässword", Optional.empty());
            assertEquals(link, ShadowLink.parse(link.render()));
        }
    }

    @Test
    void refusesWhatIsNotALink() {
        for (String bad : new String[] {"http://x", "ss://", "ss://!!!@host:1", "ss://YWVzLTEyOC1nY206dGVzdA@host", "ss://YWVzLTEyOC1nY20@host:1",
                "ss://" + java.util.Base64.getEncoder().encodeToString("nohost".getBytes())}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShadowLink.parse(bad), bad);
            assertFalse(e.getMessage().contains("test"), "no secret in " + e.getMessage());
        }
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(ShadowLink.of(new HostPort("127.0.0.1", 1), ShadowCipher.AES_128_GCM, "hunter2", Optional.empty()).toString().contains("hunter2"));
    }

    // The cases below came with the desktop app's own parser, which this one replaced.

    @Test
    void aParsedSip002LinkRendersAsItWasWritten() {
        String text = "ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1";
        assertEquals(text, ShadowLink.parse(text).render());
        assertEquals(Optional.empty(), ShadowLink.parse(text).plugin());
        assertEquals(Optional.empty(), ShadowLink.parse("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888").tag(), "no tag is no tag, not an empty one");
    }

    @Test
    void the2022CiphersRenderPercentEncodedAsSip002Requires() {
        String text = "ss://2022-blake3-aes-256-gcm:YctPZ6U7xPPcU%2Bgp3u%2B0tx%2FtRizJN9K8y%2BuKlW2qjlI%3D@192.168.100.1:8888#Example3";
        assertEquals(text, ShadowLink.parse(text).render());
    }

    @Test
    void theLegacyFormWithIpv6AndAPasswordHoldingAtAndColonReadsBackFromItsSip002Rendering() {
        String legacy = "ss://" + Base64.getEncoder().encodeToString("chacha20-ietf-poly1305:p@ss:word@[2001:db8::2]:8388".getBytes(StandardCharsets.UTF_8)) + "#old";
        ShadowLink link = ShadowLink.parse(legacy);
        assertEquals("chacha20-ietf-poly1305", link.method());
        assertEquals("p@ss:word", link.password());
        assertEquals("[2001:db8::2]:8388", link.server().toString());
        assertEquals(Optional.of("old"), link.tag());
        assertEquals(link, ShadowLink.parse(link.render()));
    }

    @Test
    void aDamagedLinkSaysWhichProblemItHas() {
        assertEquals(ShadowLink.Problem.DAMAGED, problemOf("ss://!!!"));
        assertEquals(ShadowLink.Problem.DAMAGED, problemOf("ss://YWVzLTEyOC1nY20@host:1"), "user info without a password");
        assertEquals(ShadowLink.Problem.DAMAGED, problemOf("ss://" + Base64.getEncoder().encodeToString("nohost".getBytes(StandardCharsets.UTF_8))));
        assertEquals(ShadowLink.Problem.SERVER, problemOf("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1"));
        assertEquals("192.168.100.1", assertThrows(ShadowLink.MalformedLinkException.class,
                () -> ShadowLink.parse("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1")).server());
        assertEquals(ShadowLink.Problem.NOT_A_LINK, problemOf("vmess://x"));
        assertEquals(ShadowLink.Problem.NOT_A_LINK, problemOf(null));
    }

    @Test
    void aParsedLinkHidesItsPasswordToo() {
        assertFalse(ShadowLink.parse("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888").toString().contains("test"));
    }

    private static ShadowLink.Problem problemOf(String text) {
        return assertThrows(ShadowLink.MalformedLinkException.class, () -> ShadowLink.parse(text), String.valueOf(text)).problem();
    }

    @Test
    void aRunning2022ServerSharesThe2022FormAndItReadsBack() {
        String key = "YctPZ6U7xPPcU+gp3u+0tx/tRizJN9K8y+uKlW2qjlI=";
        ShadowLink link = ShadowLink.forServer(HostPort.parseDestination("192.168.100.1:8888"), Optional.of("2022-blake3-aes-256-gcm"), key,
                Optional.of("Example3"));
        assertEquals("ss://2022-blake3-aes-256-gcm:YctPZ6U7xPPcU%2Bgp3u%2B0tx%2FtRizJN9K8y%2BuKlW2qjlI%3D@192.168.100.1:8888#Example3", link.render());
        ShadowLink back = ShadowLink.parse(link.render());
        assertEquals(Optional.of(Sip022Method.BLAKE3_AES_256_GCM), back.sip022());
        assertEquals(key, back.password());
        assertEquals(Optional.empty(), back.cipher());
    }
}
