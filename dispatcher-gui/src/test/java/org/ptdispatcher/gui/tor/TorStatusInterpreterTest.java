package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.tor.TorStatusInterpreter.Finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lines and events as tor 0.4.9 wrote them in a private network (testing/private-tor-network.sh). */
class TorStatusInterpreterTest {
    private static final String FP = "D95D740C2DC41CF9C79563D967814196B6E243D5";
    private static final String FP2 = "076DC1B40C332E1616A3288313036B74CEDE8B59";

    private static BridgeLine bridge(String line) {
        try {
            return BridgeLine.parse(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TorLogLine stdout(String line) {
        return TorLogLine.fromStdout(line, Instant.EPOCH);
    }

    private static String refused(String address, String fingerprint) {
        return "Dec 02 14:25:20.000 [warn] Proxy Client: unable to connect OR connection (handshaking (proxy)) with " + address
                + " ID=<none> RSA_ID=" + fingerprint + " (\"Connection refused\")";
    }

    private static List<Finding> feed(TorStatusInterpreter interpreter, String... lines) {
        List<Finding> found = new ArrayList<>();
        for (String line : lines) {
            found.addAll(interpreter.onLog(stdout(line)));
        }
        return found;
    }

    @Test
    void progressComesFromEventsAndNoticesAndNeverGoesBack() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("obfs4 127.0.0.1:5130 " + FP + " cert=x iat-mode=0")), 3);
        assertEquals(List.of(new Finding.Progress(new BootstrapStatus(1, "conn_pt", "Connecting to pluggable transport"))),
                interpreter.onStatusEvent("NOTICE BOOTSTRAP PROGRESS=1 TAG=conn_pt SUMMARY=\"Connecting to pluggable transport\""));
        assertEquals(List.of(new Finding.Progress(new BootstrapStatus(2, "conn_done_pt", "Connected to pluggable transport"))),
                feed(interpreter, "Dec 02 14:25:19.000 [notice] Bootstrapped 2% (conn_done_pt): Connected to pluggable transport"));
        assertEquals(List.of(), interpreter.onStatusEvent("NOTICE BOOTSTRAP PROGRESS=2 TAG=conn_done_pt SUMMARY=\"Connected to pluggable transport\""),
                "the same phase from the other source is not news");
        assertEquals(List.of(), interpreter.onStatusEvent("NOTICE BOOTSTRAP PROGRESS=1 TAG=conn_pt SUMMARY=\"Connecting to pluggable transport\""));
        assertEquals(List.of(), interpreter.onStatusEvent("STATUS_GENERAL NOTICE CLOCK_JUMPED TIME=5"));
        interpreter.onStatusEvent("NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"");
        assertTrue(interpreter.progress().isDone());
    }

    @Test
    void theOnlyBridgeRefusedThreeTimesIsUnreachableAndBlocks() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("obfs4 127.0.0.1:5199 " + FP + " cert=x iat-mode=0")), 3);
        assertEquals(List.of(), feed(interpreter, refused("127.0.0.1:5199", FP), refused("127.0.0.1:5199", FP)));
        assertFalse(interpreter.isBlocked());
        assertEquals(List.of(new Finding.Problem(new TorFailure.BridgeUnreachable("obfs4 127.0.0.1:5199", "Connection refused"), true)),
                feed(interpreter, refused("127.0.0.1:5199", FP)));
        assertTrue(interpreter.isBlocked());
        assertEquals(List.of(), feed(interpreter, refused("127.0.0.1:5199", FP)), "told once");
    }

    @Test
    void oneOfTwoBridgesDownIsAProblemAndBothDownBlocks() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(
                bridge("obfs4 127.0.0.1:5199 " + FP + " cert=x iat-mode=0"), bridge("obfs4 127.0.0.1:5198 " + FP2 + " cert=y iat-mode=0")), 1);
        assertEquals(List.of(new Finding.Problem(new TorFailure.BridgeUnreachable("obfs4 127.0.0.1:5199", "Connection refused"), false)),
                feed(interpreter, refused("127.0.0.1:5199", FP)));
        List<Finding> both = feed(interpreter, refused("127.0.0.1:5198", FP2));
        assertEquals(new Finding.Problem(new TorFailure.AllBridgesFailed(List.of("obfs4 127.0.0.1:5199", "obfs4 127.0.0.1:5198")), true), both.get(1));
        assertEquals(List.of("2", "obfs4 127.0.0.1:5199, obfs4 127.0.0.1:5198"), ((Finding.Problem) both.get(1)).failure().arguments());
    }

    @Test
    void aConnectionToABridgeForgivesItsEarlierFailures() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("obfs4 127.0.0.1:5199 cert=x iat-mode=0")), 2);
        feed(interpreter, refused("127.0.0.1:5199", "<none>"));
        feed(interpreter, "Dec 02 14:22:01.000 [notice] Bootstrapped 10% (conn_done): Connected to a relay");
        assertEquals(List.of(), feed(interpreter, refused("127.0.0.1:5199", "<none>")));
        assertEquals(1, feed(interpreter, refused("127.0.0.1:5199", "<none>")).size(), "matched by address without a fingerprint");
    }

    @Test
    void aBridgeWithoutAFingerprintIsNamedThoughTorHidesItsAddress() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(
                bridge("obfs4 127.0.0.1:5198 " + FP + " cert=x iat-mode=0"), bridge("obfs4 127.0.0.1:5199 cert=y iat-mode=0")), 1);
        assertEquals(List.of(new Finding.Problem(new TorFailure.BridgeUnreachable("obfs4 127.0.0.1:5199", "Connection refused"), false)),
                feed(interpreter, "Dec 02 15:01:00.000 [warn] Proxy Client: unable to connect OR connection (handshaking (proxy)) with [scrubbed] (\"Connection refused\")"));
        assertEquals(new Finding.Problem(new TorFailure.AllBridgesFailed(List.of("obfs4 127.0.0.1:5198", "obfs4 127.0.0.1:5199")), true),
                feed(interpreter, refused("127.0.0.1:5198", FP)).get(1));
    }

    @Test
    void aFailureOfAnotherRelayIsNotABridgesFailure() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("obfs4 127.0.0.1:5199 " + FP + " cert=x iat-mode=0")), 1);
        assertEquals(List.of(), feed(interpreter, refused("127.0.0.1:5111", FP2)));
    }

    @Test
    void torsOwnBootstrapProblemNamesTheBridge() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("obfs4 192.0.2.1:443 " + FP + " cert=x iat-mode=0")), 1);
        assertEquals(List.of(new Finding.Problem(new TorFailure.BridgeUnreachable("obfs4 192.0.2.1:443", "Connection timed out"), true)),
                feed(interpreter, "Dec 02 14:25:20.000 [warn] Problem bootstrapping. Stuck at 1% (conn_pt): Connecting to pluggable transport. "
                        + "(Connection timed out; TIMEOUT; count 1; recommendation warn; host " + FP + " at 192.0.2.1:443)"));
    }

    @Test
    void theTransportsMethodErrorBlocksWhenNoBridgeHasAnotherTransport() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("obfs4 127.0.0.1:5130 cert=x iat-mode=0")), 3);
        assertEquals(List.of(new Finding.Problem(new TorFailure.TransportFailed("obfs4", "the cert is wrong"), true)),
                feed(interpreter, "Dec 02 14:25:18.000 [warn] Client managed proxy encountered a method error. (obfs4 the cert is wrong)"));
        TorStatusInterpreter two = new TorStatusInterpreter(List.of(bridge("obfs4 127.0.0.1:5130 cert=x iat-mode=0"), bridge("plain 127.0.0.1:5131")), 3);
        assertEquals(List.of(new Finding.Problem(new TorFailure.TransportFailed("obfs4", "the cert is wrong"), false)),
                feed(two, "Dec 02 14:25:18.000 [warn] Client managed proxy encountered a method error. (obfs4 the cert is wrong)"));
    }

    @Test
    void anEngineThatDiesBeforeTorIsOnlineBlocks() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("obfs4 127.0.0.1:5130 cert=x iat-mode=0")), 3);
        assertEquals(List.of(new Finding.Problem(new TorFailure.TransportFailed("obfs4", "/nonexistent/pt: exit status 1"), true)),
                feed(interpreter, "Dec 02 14:25:18.000 [warn] Managed proxy \"/nonexistent/pt\" having PID 13800 terminated with status code 1"));
        TorStatusInterpreter online = new TorStatusInterpreter(List.of(bridge("obfs4 127.0.0.1:5130 cert=x iat-mode=0")), 3);
        online.onStatusEvent("NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"");
        assertEquals(List.of(new Finding.Problem(new TorFailure.TransportFailed("obfs4", "/opt/x: exit status 9"), false)),
                feed(online, "Dec 02 14:25:18.000 [warn] Managed proxy \"/opt/x\" having PID 1 terminated with status code 9"));
    }

    @Test
    void aPortInUseBlocks() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("plain 127.0.0.1:5130")), 3);
        assertEquals(List.of(new Finding.Problem(new TorFailure.PortInUse("127.0.0.1:8080"), true)),
                feed(interpreter, "Dec 02 14:25:17.617 [warn] Could not bind to 127.0.0.1:8080: Address already in use. Is Tor already running?"));
    }

    @Test
    void aSkewedClockBlocks() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("plain 127.0.0.1:5130")), 3);
        assertEquals(List.of(new Finding.Problem(new TorFailure.ClockSkew("behind 2 days", "OR:127.0.0.1:5130"), true)),
                feed(interpreter, "Dec 02 14:25:17.000 [warn] Received NETINFO cell with skewed time (OR:127.0.0.1:5130): It seems that our clock is "
                        + "behind by 2 days, 0 hours, 1 minutes, or that theirs is ahead. Tor requires an accurate clock to work: please check your time, timezone, and date settings."));
        TorStatusInterpreter consensus = new TorStatusInterpreter(List.of(bridge("plain 127.0.0.1:5130")), 3);
        assertEquals(List.of(new Finding.Problem(new TorFailure.ClockSkew("behind 3 hours, 2 minutes", "CONSENSUS"), true)),
                feed(consensus, "Dec 02 14:25:17.000 [warn] Our clock is 3 hours, 2 minutes behind the time published in the consensus network status document"));
    }

    @Test
    void debugLinesAreNotRead() {
        TorStatusInterpreter interpreter = new TorStatusInterpreter(List.of(bridge("plain 127.0.0.1:5130")), 1);
        assertEquals(List.of(), feed(interpreter, "Dec 02 14:25:17.617 [info] Could not bind to 127.0.0.1:8080: Address already in use."));
    }
}
