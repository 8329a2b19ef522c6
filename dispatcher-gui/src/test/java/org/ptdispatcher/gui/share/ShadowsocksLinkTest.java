package org.ptdispatcher.gui.share;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The examples are SIP002's own (shared/spec/shadowsocks-sip002.md). */
class ShadowsocksLinkTest {

    @Test
    void sip002WithBase64UrlUserinfo() throws Exception {
        ShadowsocksLink link = ShadowsocksLink.parse("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1");
        assertEquals("aes-128-gcm", link.method());
        assertEquals("test", link.password());
        assertEquals("192.168.100.1:8888", link.server().toString());
        assertEquals("Example1", link.tag());
        assertEquals(Optional.empty(), link.plugin());
        assertEquals("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1", link.render());
    }

    @Test
    void sip002WithPluginAndFormEncodedTag() throws Exception {
        ShadowsocksLink link = ShadowsocksLink.parse(
                "ss://YmYtY2ZiOnRlc3Q@192.168.100.1:8888/?plugin=url-encoded-plugin-argument-value&unsupported-arguments=should-be-ignored#Dummy+profile+name");
        assertEquals("bf-cfb", link.method());
        assertEquals(Optional.of("url-encoded-plugin-argument-value"), link.plugin());
        assertEquals("Dummy profile name", link.tag());
        assertEquals(Optional.of("obfs-local;obfs=http"),
                ShadowsocksLink.parse("ss://cmM0LW1kNTpwYXNzd2Q@192.168.100.1:8888/?plugin=obfs-local%3Bobfs%3Dhttp#Example2").plugin());
    }

    @Test
    void sip002PercentEncodedUserinfoFor2022Ciphers() throws Exception {
        String text = "ss://2022-blake3-aes-256-gcm:YctPZ6U7xPPcU%2Bgp3u%2B0tx%2FtRizJN9K8y%2BuKlW2qjlI%3D@192.168.100.1:8888#Example3";
        ShadowsocksLink link = ShadowsocksLink.parse(text);
        assertEquals("2022-blake3-aes-256-gcm", link.method());
        assertEquals("YctPZ6U7xPPcU+gp3u+0tx/tRizJN9K8y+uKlW2qjlI=", link.password());
        assertEquals(text, link.render(), "2022 ciphers render percent-encoded, as SIP002 requires");
    }

    @Test
    void legacyBase64Form() throws Exception {
        String legacy = "ss://" + Base64.getEncoder().encodeToString("chacha20-ietf-poly1305:p@ss:word@[2001:db8::2]:8388".getBytes(StandardCharsets.UTF_8)) + "#old";
        ShadowsocksLink link = ShadowsocksLink.parse(legacy);
        assertEquals("chacha20-ietf-poly1305", link.method());
        assertEquals("p@ss:word", link.password());
        assertEquals("[2001:db8::2]:8388", link.server().toString());
        assertEquals("old", link.tag());
        assertEquals(link, ShadowsocksLink.parse(link.render()), "the SIP002 rendering reads back the same");
    }

    @Test
    void damagedLinksSayWhy() {
        assertEquals("import.problem.ssMalformed", assertThrows(ShareFormatException.class, () -> ShadowsocksLink.parse("ss://!!!")).messageKey());
        assertEquals("import.problem.ssAddress",
                assertThrows(ShareFormatException.class, () -> ShadowsocksLink.parse("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1")).messageKey());
        assertEquals("import.problem.notSs", assertThrows(ShareFormatException.class, () -> ShadowsocksLink.parse("vmess://x")).messageKey());
    }

    @Test
    void toStringHidesThePassword() throws Exception {
        assertEquals(-1, ShadowsocksLink.parse("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888").toString().indexOf("test"));
    }
}
