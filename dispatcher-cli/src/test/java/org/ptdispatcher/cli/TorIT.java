package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.TorTestNetwork;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tor launches {@code ptdispatcher} exactly as it launches obfs4proxy: a bridge whose
 * ServerTransportPlugin is ours (forwarding through the Extended ORPort), and a client whose
 * ClientTransportPlugin is ours. The client fetching the bridge's descriptor proves the whole
 * chain: version 1 negotiation, CMETHOD/SMETHOD parsing by tor, SOCKS with tor, the ExtORPort.
 */
class TorIT {
    @TempDir
    Path dir;

    @Test
    void aTorClientReachesATorBridgeThroughOurPlainTransportOnBothSides() throws Exception {
        String pt = PtProcess.launcher().toString();
        try (TorTestNetwork tor = TorTestNetwork.in(dir)) {
            String fingerprint = tor.startBridge("plain", pt + " -ipcLogLevel INFO", Optional.empty());
            tor.awaitBridgeLog("Registered server transport 'plain'", Duration.ofSeconds(60));
            tor.startClient("plain", pt, "plain " + TorTestNetwork.bridgeAddress() + " " + fingerprint);
            String line = tor.awaitClientLog("new bridge descriptor 'ptdtestbridge' (fresh)", Duration.ofSeconds(90));
            assertTrue(line.contains(fingerprint), line);
            // The bridge saw the client through the Extended ORPort, not the plain ORPort.
            tor.awaitBridgeLog("forwarding to the Extended ORPort", Duration.ofSeconds(5));
        }
    }
}
