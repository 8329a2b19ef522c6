package org.ptdispatcher.engine.options;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorArgsTest {

    @Test
    void connectionArgsSplitOnUnescapedSemicolons() throws OptionsSyntaxException {
        TransportOptions args = TorArgs.parseConnectionArgs("shared-secret=rahasia;secrets-file=/tmp/blob");
        assertEquals(Map.of("shared-secret", "rahasia", "secrets-file", "/tmp/blob"), args.asMap());
    }

    @Test
    void escapesProtectEqualsSemicolonsAndBackslashes() throws OptionsSyntaxException {
        TransportOptions args = TorArgs.parseConnectionArgs("k\\=ey=v\\;a\\\\l=ue;x=");
        assertEquals(Map.of("k=ey", "v;a\\l=ue", "x", ""), args.asMap());
    }

    @Test
    void theFirstValueOfARepeatedKeyWins() throws OptionsSyntaxException {
        assertEquals("1", TorArgs.parseConnectionArgs("a=1;a=2").get("a").orElseThrow());
    }

    @Test
    void malformedArgsAreRefused() {
        assertTrue(assertThrows(OptionsSyntaxException.class, () -> TorArgs.parseConnectionArgs("novalue")).getMessage().contains("no equals sign"));
        assertTrue(assertThrows(OptionsSyntaxException.class, () -> TorArgs.parseConnectionArgs("=v")).getMessage().contains("empty key"));
        assertTrue(assertThrows(OptionsSyntaxException.class, () -> TorArgs.parseConnectionArgs("a=b\\")).getMessage().contains("backslash"));
    }

    @Test
    void theEmptyStringIsNoArgs() throws OptionsSyntaxException {
        assertTrue(TorArgs.parseConnectionArgs("").isEmpty());
    }

    @Test
    void serverTransportOptionsGroupByTransport() throws OptionsSyntaxException {
        Map<String, TransportOptions> options = TorArgs.parseServerTransportOptions("scramblesuit:key=banana;automata:rule=110;automata:depth=3");
        assertEquals(Map.of("key", "banana"), options.get("scramblesuit").asMap());
        assertEquals(Map.of("rule", "110", "depth", "3"), options.get("automata").asMap());
    }

    @Test
    void serverTransportOptionsHonourEscapedColons() throws OptionsSyntaxException {
        Map<String, TransportOptions> options = TorArgs.parseServerTransportOptions("t:url=http\\://x\\;y");
        assertEquals("http://x;y", options.get("t").get("url").orElseThrow());
    }

    @Test
    void serverTransportOptionsWithoutColonAreRefused() {
        assertTrue(assertThrows(OptionsSyntaxException.class, () -> TorArgs.parseServerTransportOptions("key=value")).getMessage().contains("no colon"));
    }

    @Test
    void formattingAndParsingRoundTripHostileValues() throws OptionsSyntaxException {
        TransportOptions hostile = TransportOptions.of(Map.of("k;=\\", "v=;\\,é"));
        assertEquals(hostile, TorArgs.parseConnectionArgs(TorArgs.formatConnectionArgs(hostile)));
    }

    /** Defect 5 of issue 15: a malformed entry's text is often a secret (an escaped equals sign makes the value part of the key). */
    @Test
    void serverOptionErrorsNameTheTransportAndPositionButNeverTheText() {
        String message = assertThrows(OptionsSyntaxException.class,
                () -> TorArgs.parseServerTransportOptions("shadow:cipherName=aes-128-gcm;shadow:password\\=S3cr3t")).getMessage();
        assertEquals("option 2 for transport shadow (from character 31) has no equals sign (write transport:key=value)", message);
        for (String text : new String[] {"S3cr3t\\=x", "p\\:S3cr3t", "shadow:=S3cr3t", ":S3cr3t=1", "shadow:k=S3cr3t\\"}) {
            String m = assertThrows(OptionsSyntaxException.class, () -> TorArgs.parseServerTransportOptions(text)).getMessage();
            assertFalse(m.contains("S3cr3t"), text + " gave " + m);
        }
    }

    @Test
    void connectionArgErrorsNamePositionsButNeverTheText() {
        String message = assertThrows(OptionsSyntaxException.class,
                () -> TorArgs.parseConnectionArgs("cipherName=aes-128-gcm;password=abc;Tail7secret")).getMessage();
        assertEquals("pair 3 (from character 37) has no equals sign", message);
        for (String text : new String[] {"=Tail7secret", "a=Tail7secret\\", "Tail7secret"}) {
            String m = assertThrows(OptionsSyntaxException.class, () -> TorArgs.parseConnectionArgs(text)).getMessage();
            assertFalse(m.contains("Tail7secret"), text + " gave " + m);
        }
    }
}
