package org.ptdispatcher.engine.transport.webtunnel;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.tls.ServerVerification;
import org.ptdispatcher.engine.tls.TlsClientSettings;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lyrebird 0.8.1's reading of a bridge line's arguments (transports/webtunnel/client.go's parseArgs). */
class WebTunnelClientArgsTest {
    private static WebTunnelClientArgs parse(Map<String, String> args) throws InvalidTransportOptionsException {
        return WebTunnelClientArgs.parse(TransportOptions.of(args));
    }

    @Test
    void anHttpsUrlGivesTheAddressTheSniTheHostHeaderAndThePath() throws Exception {
        WebTunnelClientArgs args = parse(Map.of("url", "https://bridge.example.org/s3cret/p%20ath", "ver", "0.0.7"));
        assertEquals(new HostPort("bridge.example.org", 443), args.dial());
        assertTrue(args.tls());
        assertEquals("/s3cret/p%20ath", args.requestPath());
        assertEquals("bridge.example.org", args.hostHeader());
        assertEquals("bridge.example.org", args.serverNames());
        assertEquals(Optional.empty(), args.verifyName());
    }

    @Test
    void anHttpUrlHasNoTlsAndPort80AndTheHostHeaderNeverCarriesThePort() throws Exception {
        WebTunnelClientArgs plain = parse(Map.of("url", "http://198.18.0.1/x"));
        assertEquals(new HostPort("198.18.0.1", 80), plain.dial());
        assertEquals(false, plain.tls());
        WebTunnelClientArgs ported = parse(Map.of("url", "https://bridge.example.org:8443/x"));
        assertEquals(new HostPort("bridge.example.org", 8443), ported.dial());
        assertEquals("bridge.example.org", ported.hostHeader());
    }

    @Test
    void anEmptyPathIsTheRootAndAQueryIsNotSent() throws Exception {
        assertEquals("/", parse(Map.of("url", "https://bridge.example.org")).requestPath());
        assertEquals("/p", parse(Map.of("url", "https://bridge.example.org/p?q=1")).requestPath());
    }

    @Test
    void addrReplacesWhereTheClientConnectsButNotTheNames() throws Exception {
        WebTunnelClientArgs args = parse(Map.of("url", "https://bridge.example.org/p", "addr", "192.0.2.7:4443"));
        assertEquals(new HostPort("192.0.2.7", 4443), args.dial());
        assertEquals("bridge.example.org", args.serverNames());
    }

    @Test
    void sniImitationSendsItsNameAndChecksTheUrlsHost() throws Exception {
        WebTunnelClientArgs args = parse(Map.of("url", "https://bridge.example.org/p", "sni-imitation", "cdn.example.net"));
        TlsClientSettings settings = WebTunnelClient.settings(args, args.serverNames());
        assertEquals(Optional.of("cdn.example.net"), settings.serverName());
        assertEquals(new ServerVerification.ByName("bridge.example.org"), settings.verification());
    }

    @Test
    void servernameAloneIsSentAndChecked() throws Exception {
        WebTunnelClientArgs args = parse(Map.of("url", "https://bridge.example.org/p", "servername", "front.example.net"));
        TlsClientSettings settings = WebTunnelClient.settings(args, args.serverNames());
        assertEquals(Optional.of("front.example.net"), settings.serverName());
        assertEquals(new ServerVerification.ByName("front.example.net"), settings.verification());
    }

    @Test
    void utlsAuthorityNamesWhatTheCertificateMustSay() throws Exception {
        WebTunnelClientArgs args = parse(Map.of("url", "https://bridge.example.org/p", "servername", "front.example.net",
                "utls-authority", "origin.example.com"));
        assertEquals(new ServerVerification.ByName("origin.example.com"), WebTunnelClient.settings(args, "front.example.net").verification());
    }

    @Test
    void certPinsTheChainInsteadOfANameCheck() throws Exception {
        String pin = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        WebTunnelClientArgs args = parse(Map.of("url", "https://bridge.example.org/p", "cert", pin));
        assertEquals(new ServerVerification.ByPinnedChain(List.of(pin)), WebTunnelClient.settings(args, "bridge.example.org").verification());
    }

    @Test
    void anIpLiteralIsSentWithoutSniAndCheckedAsAnAddress() throws Exception {
        WebTunnelClientArgs args = parse(Map.of("url", "https://198.18.0.1/p"));
        TlsClientSettings settings = WebTunnelClient.settings(args, args.serverNames());
        assertEquals(Optional.empty(), settings.serverName());
        assertEquals(new ServerVerification.ByName("198.18.0.1"), settings.verification());
    }

    @Test
    void utlsIsKeptToBeNamedInTheWarning() throws Exception {
        assertEquals(Optional.of("hellochrome_auto"), parse(Map.of("url", "https://b.example/p", "utls", "hellochrome_auto")).ignoredUtls());
    }

    @Test
    void badArgumentsAreRefusedNamingTheOption() {
        assertEquals("missing option \"url\"", assertThrows(InvalidTransportOptionsException.class, () -> parse(Map.of())).getMessage());
        assertEquals("url: the scheme must be https or http",
                assertThrows(InvalidTransportOptionsException.class, () -> parse(Map.of("url", "wss://b.example/p"))).getMessage());
        assertTrue(assertThrows(InvalidTransportOptionsException.class, () -> parse(Map.of("url", "https://b.example/p", "addr", "b.example")))
                .getMessage().startsWith("addr: "));
        assertTrue(assertThrows(InvalidTransportOptionsException.class, () -> parse(Map.of("url", "https://b.example/p", "cert", "!!")))
                .getMessage().startsWith("cert: "));
        assertEquals("servername names no server name",
                assertThrows(InvalidTransportOptionsException.class, () -> parse(Map.of("url", "https://b.example/p", "servername", " , ")))
                        .getMessage());
    }

    @Test
    void aServerNameListMovesToTheNextNameOnlyWhenTheCurrentOneFailed() throws Exception {
        ServerNameRotation rotation = new ServerNameRotation("a.example, b.example,,c.example", new SecureRandom());
        String first = rotation.current();
        rotation.failed("not-" + first);
        assertEquals(first, rotation.current(), "a failure of a name no longer current moves nothing");
        rotation.failed(first);
        String second = rotation.current();
        rotation.failed(second);
        String third = rotation.current();
        assertEquals(3, java.util.Set.of(first, second, third).size());
        assertTrue(List.of("a.example", "b.example", "c.example").containsAll(List.of(first, second, third)));
        rotation.failed(third);
        assertEquals(first, rotation.current(), "after the last name comes the first again");
    }
}
