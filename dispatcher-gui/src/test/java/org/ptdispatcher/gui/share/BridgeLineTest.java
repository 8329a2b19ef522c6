package org.ptdispatcher.gui.share;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BridgeLineTest {
    private static final String CERT = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";

    @Test
    void readsTorsBridgeLineWithOrWithoutTheWordBridge() throws Exception {
        String line = "obfs4 192.0.2.3:443 4352e58420e68f5e40bf7c74faddccd9d1349413 cert=" + CERT + " iat-mode=0";
        BridgeLine plain = BridgeLine.parse(line);
        BridgeLine torrc = BridgeLine.parse("  Bridge " + line + "  ");
        assertEquals(plain, torrc);
        assertEquals("obfs4", plain.transport());
        assertEquals("192.0.2.3:443", plain.address().toString());
        assertEquals(Optional.of("4352E58420E68F5E40BF7C74FADDCCD9D1349413"), plain.fingerprint());
        assertEquals(Map.of("cert", CERT, "iat-mode", "0"), plain.args());
        assertEquals(line.replace("4352e58420e68f5e40bf7c74faddccd9d1349413", "4352E58420E68F5E40BF7C74FADDCCD9D1349413"), plain.render());
    }

    @Test
    void theFingerprintIsOptionalAndIpv6Works() throws Exception {
        BridgeLine line = BridgeLine.parse("obfs4 [2001:db8::1]:443 cert=abc=def iat-mode=1");
        assertEquals(Optional.empty(), line.fingerprint());
        assertEquals("abc=def", line.args().get("cert"), "a value may hold '='");
        assertEquals("obfs4 [2001:db8::1]:443 cert=abc=def iat-mode=1", line.render());
    }

    @Test
    void malformedLinesSayWhy() {
        assertEquals("import.problem.bridgeNoTransport",
                assertThrows(ShareFormatException.class, () -> BridgeLine.parse("192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413")).messageKey());
        assertEquals("import.problem.bridgeAddress",
                assertThrows(ShareFormatException.class, () -> BridgeLine.parse("obfs4 192.0.2.3 cert=x")).messageKey());
        assertEquals("import.problem.bridgeArgument",
                assertThrows(ShareFormatException.class, () -> BridgeLine.parse("obfs4 192.0.2.3:443 cert")).messageKey());
        assertEquals("import.problem.bridgeTooShort",
                assertThrows(ShareFormatException.class, () -> BridgeLine.parse("Bridge obfs4")).messageKey());
    }

    @Test
    void theKeywordBridgeIsNoTransportName() {
        ShareFormatException refused = assertThrows(ShareFormatException.class,
                () -> BridgeLine.parse("Bridge bridge 192.0.2.3:443 cert=x"));
        assertEquals("import.problem.bridgeTransport", refused.messageKey());
        assertEquals("bridge", refused.args().get(0));
    }

    @Test
    void aControlCharacterIsRefusedAndNamed() {
        ShareFormatException refused = assertThrows(ShareFormatException.class,
                () -> BridgeLine.parse("obfs2 192.0.2.3:443 iat-mode=\u0001 iat-mode="));
        assertEquals("import.problem.bridgeControl", refused.messageKey());
        assertEquals("U+0001", refused.args().get(0));
    }

    @Test
    void wordsAreSplitOnTorsWhitespaceOnly() throws Exception {
        BridgeLine line = BridgeLine.parse("\u000B obfs4\t192.0.2.3:443\fcert=a\u00A0b \r");
        assertEquals("a\u00A0b", line.args().get("cert"), "a no-break space is no whitespace to tor");
        assertEquals(line, BridgeLine.parse(line.render()));
    }
}
