package org.ptdispatcher.engine.transport.meek;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lyrebird's meek_lite arguments, with the cases of lyrebird's own meek_test.go. */
class MeekClientArgsTest {

    private static MeekClientArgs parse(Map<String, String> options) throws InvalidTransportOptionsException {
        return MeekClientArgs.parse(TransportOptions.of(options));
    }

    @Test
    void urlAndFrontMakeOnePair() throws Exception {
        MeekTarget target = parse(Map.of("url", "https://bridge.example/meek/", "front", "cdn.example")).targets().get(0);
        assertEquals("bridge.example", target.hostHeader());
        assertEquals("/meek/", target.requestUri());
        assertEquals(new HostPort("cdn.example", 443), target.connect());
        assertEquals("cdn.example", target.tlsName());
        assertTrue(target.tls());
    }

    @Test
    void withoutAFrontEverythingIsTheUrls() throws Exception {
        MeekTarget target = parse(Map.of("url", "http://127.0.0.1:8080/path?q=1")).targets().get(0);
        assertEquals("127.0.0.1:8080", target.hostHeader());
        assertEquals("/path?q=1", target.requestUri());
        assertEquals(new HostPort("127.0.0.1", 8080), target.connect());
        assertEquals("/", parse(Map.of("url", "https://bridge.example")).targets().get(0).requestUri());
    }

    @Test
    void theFrontTakesTheSchemesPortUnlessItNamesOne() throws Exception {
        // Go replaces url.Host by the front, so the URL's own port goes with it.
        assertEquals(new HostPort("cdn.example", 443),
                parse(Map.of("url", "https://bridge.example:8443/", "front", "cdn.example")).targets().get(0).connect());
        assertEquals(new HostPort("cdn.example", 8443),
                parse(Map.of("url", "https://bridge.example/", "front", "cdn.example:8443")).targets().get(0).connect());
        assertEquals("bridge.example:8443", parse(Map.of("url", "https://bridge.example:8443/", "front", "cdn.example")).targets().get(0).hostHeader());
    }

    @Test
    void targetsGiveEachFrontOfEachUrl() throws Exception {
        // lyrebird's TestClientTargets.
        List<MeekTarget> targets = parse(Map.of("targets",
                "https://example.com/test|frontexample.com,https://example2.com/foo|example2front.info+anotherfront.net")).targets();
        assertEquals(3, targets.size());
        assertEquals(List.of("https://example.com/test|frontexample.com", "https://example2.com/foo|example2front.info",
                "https://example2.com/foo|anotherfront.net"), targets.stream().map(t -> t.url() + "|" + t.front()).toList());
    }

    @Test
    void aTargetsUrlMayHoldPlusAndCommaAndAFrontMayBeEmpty() throws Exception {
        // lyrebird's TestParseTargets.
        assertEquals("https://example.com/+test", MeekClientArgs.parseTargets("https://example.com/+test|frontexample.com").get(0).url());
        assertEquals("https://example.com/,test", MeekClientArgs.parseTargets("https://example.com/,test|frontexample.com").get(0).url());
        MeekTarget noFront = MeekClientArgs.parseTargets("https://example.com/test|").get(0);
        assertEquals("", noFront.front());
        assertEquals(new HostPort("example.com", 443), noFront.connect());
    }

    @Test
    void targetsWinOverUrl() throws Exception {
        MeekClientArgs args = parse(Map.of("targets", "https://a.example/|b.example", "url", "https://c.example/"));
        assertEquals("a.example", args.targets().get(0).hostHeader());
    }

    @Test
    void refusalsAsLyrebirds() {
        // lyrebird's TestParseTargetsFailures, and its other refusals.
        assertThrows(InvalidTransportOptionsException.class, () -> MeekClientArgs.parseTargets("|frontexample.com"));
        assertThrows(InvalidTransportOptionsException.class, () -> MeekClientArgs.parseTargets("ftp://example.com|"));
        InvalidTransportOptionsException missingBar = assertThrows(InvalidTransportOptionsException.class,
                () -> MeekClientArgs.parseTargets("https://example.com/"));
        assertTrue(missingBar.getMessage().contains("missing '|'"), missingBar.getMessage());
        InvalidTransportOptionsException missingUrl = assertThrows(InvalidTransportOptionsException.class, () -> parse(Map.of("front", "x.example")));
        assertEquals("missing argument 'url'", missingUrl.getMessage());
        assertThrows(InvalidTransportOptionsException.class, () -> parse(Map.of("url", "ftp://bridge.example/")));
        assertThrows(InvalidTransportOptionsException.class, () -> parse(Map.of("url", "https:///nohost")));
    }

    @Test
    void utlsIsKeptToBeWarnedAbout() throws Exception {
        assertEquals(Optional.of("hellochrome_auto"), parse(Map.of("url", "https://b.example/", "utls", "hellochrome_auto")).ignoredUtls());
        assertEquals(Optional.empty(), parse(Map.of("url", "https://b.example/")).ignoredUtls());
    }

    @Test
    void theRotationShufflesThenMovesRoundOnFailure() throws Exception {
        List<MeekTarget> given = MeekClientArgs.parseTargets("https://a.example/|f1+f2+f3");
        FrontRotation rotation = new FrontRotation(given, new Random(7));
        assertEquals(3, rotation.all().size());
        assertTrue(rotation.all().containsAll(given));
        MeekTarget first = rotation.current();
        rotation.next();
        rotation.next();
        rotation.next();
        assertEquals(first, rotation.current());
    }
}
