package org.ptdispatcher.engine.options;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON options as the spec's examples write them, what each member becomes, and each refusal's sentence. */
class JsonOptionsTest {

    private static Map<String, String> options(String json) throws OptionsSyntaxException {
        return TransportOptions.fromJson(JsonOptions.parseObject(json)).asMap();
    }

    @Test
    void unquotedNamesAndSingleQuotesAreTakenAsTheSpecsExamplesWriteThem() throws OptionsSyntaxException {
        assertEquals(Map.of("password", "a b", "cipherName", "aes-256-gcm"), options("{password: 'a b', \"cipherName\": \"aes-256-gcm\"}"));
    }

    @Test
    void membersThatAreNotTextKeepTheirJsonSpellingAndNullsAreLeftOut() throws OptionsSyntaxException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("n", "7");
        expected.put("t", "true");
        expected.put("list", "[1,\"a\"]");
        expected.put("inner", "{\"k\":\"v\"}");
        expected.put("escaped", "a\"b\\c\u00e9");
        Map<String, String> read = options("{\"n\": 7, \"t\": true, \"gone\": null, \"list\": [1, \"a\"], \"inner\": {k: 'v'}, "
                + "\"escaped\": \"a\\\"b\\\\c\\u00e9\"}");
        assertEquals(expected, read);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(read.keySet()), "members keep their order");
    }

    @Test
    void aMemberGivenTwiceKeepsItsLastValue() throws OptionsSyntaxException {
        assertEquals(Map.of("a", "2"), options("{a: '1', a: '2'}"));
    }

    @Test
    void eachRefusalSaysWhatIsWrongWithoutQuotingTheText() {
        assertEquals("is empty (expected a JSON object)", refusal("  "));
        assertEquals("must be a JSON object, not array", refusal("[1, 2]"));
        assertEquals("must be a JSON object, not string", refusal("\"text\""));
        assertTrue(refusal("{\"a\": \"b\"} trailing").startsWith("is not valid JSON: "), refusal("{\"a\": \"b\"} trailing"));
        assertTrue(refusal("{\"a\": \"b\"").startsWith("is not valid JSON: "), refusal("{\"a\": \"b\""));
        String secretToken = refusal("{\"password\": S3cr3tPassw0rd}");
        assertTrue(secretToken.startsWith("is not valid JSON: ") && secretToken.contains("line 1, column"), secretToken);
        assertFalse(secretToken.contains("S3cr3tPassw0rd"), secretToken);
    }

    @Test
    void optionsKeyedByTransportAreSplitAmongThem() throws OptionsSyntaxException {
        Map<String, TransportOptions> split = JsonOptions.perTransport(JsonOptions.parseObject(
                "{shadow: {password: 'p'}, obfs4: {cert: 'c', 'iat-mode': 0}}"), List.of("shadow", "obfs4"));
        assertEquals(Map.of("password", "p"), split.get("shadow").asMap());
        assertEquals(Map.of("cert", "c", "iat-mode", "0"), split.get("obfs4").asMap());
    }

    @Test
    void bareOptionsBelongToTheOneTransportRequested() throws OptionsSyntaxException {
        Map<String, TransportOptions> split = JsonOptions.perTransport(JsonOptions.parseObject("{password: 'p'}"), List.of("shadow"));
        assertEquals(Map.of("password", "p"), split.get("shadow").asMap());
        assertEquals(Map.of(), JsonOptions.perTransport(JsonOptions.parseObject("{}"), List.of("shadow", "obfs4")));
    }

    @Test
    void optionsThatCannotBeSplitAreRefusedWithAnExample() {
        OptionsSyntaxException mixed = assertThrows(OptionsSyntaxException.class, () -> JsonOptions.perTransport(
                JsonOptions.parseObject("{shadow: {password: 'p'}, cert: 'c'}"), List.of("shadow", "obfs4")));
        assertEquals("has \"cert\" next to per-transport objects; when options are keyed by transport name, every member must be an object",
                mixed.getMessage());
        OptionsSyntaxException bare = assertThrows(OptionsSyntaxException.class, () -> JsonOptions.perTransport(
                JsonOptions.parseObject("{password: 'p'}"), List.of("shadow", "obfs4")));
        assertEquals("must be keyed by transport name when several transports are requested, for example {shadow: {...}, obfs4: {...}}",
                bare.getMessage());
    }

    private static String refusal(String json) {
        return assertThrows(OptionsSyntaxException.class, () -> JsonOptions.parseObject(json)).getMessage();
    }
}
