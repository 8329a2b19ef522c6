package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ControlArgumentsTest {
    @Test
    void wordsThenKeywordsWithQuotedValues() {
        ControlArguments args = ControlArguments.parse("NOTICE BOOTSTRAP PROGRESS=45 TAG=requesting_descriptors SUMMARY=\"Asking for relay descriptors\"");
        assertEquals(List.of("NOTICE", "BOOTSTRAP"), args.words());
        assertEquals("45", args.keywords().get("PROGRESS"));
        assertEquals("requesting_descriptors", args.keywords().get("TAG"));
        assertEquals("Asking for relay descriptors", args.keywords().get("SUMMARY"));
    }

    @Test
    void quotedStringsAreReadAsCStrings() {
        ControlArguments args = ControlArguments.parse("WARNING=\"a \\\"quoted\\\" word\\nand a line\" PATH=\"C:\\\\Tor\" OCTAL=\"\\101\"");
        assertEquals("a \"quoted\" word\nand a line", args.keywords().get("WARNING"));
        assertEquals("C:\\Tor", args.keywords().get("PATH"));
        assertEquals("A", args.keywords().get("OCTAL"));
    }

    @Test
    void quotedWordsAreWords() {
        assertEquals(List.of("127.0.0.1:9050", "[::1]:9050"), ControlArguments.parse("\"127.0.0.1:9050\" \"[::1]:9050\"").words());
    }

    @Test
    void quoteEscapesWhatAQuotedStringMust() {
        assertEquals("\"a \\\"b\\\" \\\\c\"", ControlArguments.quote("a \"b\" \\c"));
        assertEquals("a \"b\" \\c", ControlArguments.parse("X=" + ControlArguments.quote("a \"b\" \\c")).keywords().get("X"));
    }
}
