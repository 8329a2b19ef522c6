package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.share.ShareFormatException;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BridgeInUseTest {
    private static final String FIRST = "4352E58420E68F5E40BF7C74FADDCCD9D1349413";
    private static final String SECOND = "0BAC39417268B96B9F514E7F63FA6FBA1A788955";
    private static final String RELAY = "A59E1E7C7EAEE083D756EE1FF6EC31CA3D8651D7";

    private static BridgeLine line(String text) throws ShareFormatException {
        return BridgeLine.parse(text);
    }

    /** As tor 0.4.8 answers GETINFO circuit-status: one circuit per line. */
    private static String circuits(String... firstHops) {
        StringBuilder status = new StringBuilder();
        int id = 1;
        for (String hop : firstHops) {
            status.append(id++).append(" BUILT $").append(hop).append("~bridge,$").append(RELAY)
                    .append("~relay BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-12-07T18:00:00.000000\n");
        }
        return status.toString();
    }

    @Test
    void theFirstHopOfTheBuiltCircuitsNamesTheBridgeWithThatFingerprint() throws Exception {
        BridgeLine down = line("obfs4 127.0.0.1:5198 " + FIRST + " cert=AAAA iat-mode=0");
        BridgeLine up = line("obfs4 127.0.0.1:5199 " + SECOND + " cert=BBBB iat-mode=0");
        assertEquals(Optional.of(up), BridgeInUse.of(circuits(SECOND.toLowerCase(), SECOND), List.of(down, up)));
    }

    @Test
    void theBridgeMostCircuitsGoThroughIsTheOneInUse() throws Exception {
        BridgeLine first = line("obfs4 127.0.0.1:5198 " + FIRST + " cert=AAAA iat-mode=0");
        BridgeLine second = line("obfs4 127.0.0.1:5199 " + SECOND + " cert=BBBB iat-mode=0");
        assertEquals(Optional.of(first), BridgeInUse.of(circuits(SECOND, FIRST, FIRST), List.of(first, second)));
    }

    @Test
    void circuitsStillBeingBuiltDoNotCount() throws Exception {
        BridgeLine first = line("obfs4 127.0.0.1:5198 " + FIRST + " cert=AAAA iat-mode=0");
        String launched = "3 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL\n4 EXTENDED $" + FIRST + "~bridge PURPOSE=GENERAL";
        assertEquals(Optional.empty(), BridgeInUse.of(launched, List.of(first)));
    }

    @Test
    void anUnknownFirstHopIsTheOneLineWithoutAFingerprintOrNoneIfSeveralLackOne() throws Exception {
        BridgeLine named = line("obfs4 127.0.0.1:5198 " + FIRST + " cert=AAAA iat-mode=0");
        BridgeLine unnamed = line("obfs4 127.0.0.1:5199 cert=BBBB iat-mode=0");
        BridgeLine alsoUnnamed = line("obfs4 127.0.0.1:5200 cert=CCCC iat-mode=0");
        assertEquals(Optional.of(unnamed), BridgeInUse.of(circuits(SECOND), List.of(named, unnamed)));
        assertEquals(Optional.empty(), BridgeInUse.of(circuits(SECOND), List.of(named, unnamed, alsoUnnamed)));
    }

    /** A CIRC event as tor sends it once subscribed (control-spec 4.1.1), without the 650. */
    private static String builtEvent(String firstHop, String flags) {
        return "CIRC 12 BUILT $" + firstHop + "~bridge,$" + RELAY + "~relay,$" + RELAY + "~exit BUILD_FLAGS=" + flags
                + " PURPOSE=GENERAL TIME_CREATED=2026-12-07T18:00:00.000000";
    }

    @Test
    void aCircuitBuiltAfterReadyNamesTheBridgeItGoesThrough() throws Exception {
        BridgeLine first = line("obfs4 127.0.0.1:5198 " + FIRST + " cert=AAAA iat-mode=0");
        BridgeLine second = line("obfs4 127.0.0.1:5199 " + SECOND + " cert=BBBB iat-mode=0");
        assertEquals(Optional.of(second), BridgeInUse.ofBuiltCircuit(builtEvent(SECOND, "NEED_CAPACITY"), List.of(first, second)));
    }

    @Test
    void aOneHopTunnelToABridgeForItsDirectoryIsNotTheBridgeInUse() throws Exception {
        BridgeLine first = line("obfs4 127.0.0.1:5198 " + FIRST + " cert=AAAA iat-mode=0");
        BridgeLine second = line("obfs4 127.0.0.1:5199 " + SECOND + " cert=BBBB iat-mode=0");
        String oneHop = "CIRC 13 BUILT $" + SECOND + "~bridge BUILD_FLAGS=ONEHOP_TUNNEL,IS_INTERNAL,NEED_CAPACITY PURPOSE=GENERAL"
                + " TIME_CREATED=2026-12-07T18:00:00.000000";
        assertEquals(Optional.empty(), BridgeInUse.ofBuiltCircuit(oneHop, List.of(first, second)));
    }

    @Test
    void circuitEventsOtherThanBuiltNameNoBridge() throws Exception {
        BridgeLine first = line("obfs4 127.0.0.1:5198 " + FIRST + " cert=AAAA iat-mode=0");
        assertEquals(Optional.empty(), BridgeInUse.ofBuiltCircuit("CIRC 14 EXTENDED $" + FIRST + "~bridge BUILD_FLAGS=NEED_CAPACITY", List.of(first)));
        assertEquals(Optional.empty(), BridgeInUse.ofBuiltCircuit("CIRC 15 FAILED $" + FIRST + "~bridge REASON=TIMEOUT", List.of(first)));
        assertEquals(Optional.empty(), BridgeInUse.ofBuiltCircuit("STREAM 3 NEW 0 127.0.0.1:80", List.of(first)));
    }
}
