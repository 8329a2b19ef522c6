package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.TorTestNetwork;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
            // The bridge saw the client through the Extended ORPort, not the plain ORPort: only an Extended
            // ORPort session names the transport (its TRANSPORT command), and tor records the client with it;
            // a client through the plain ORPort is recorded with "<no transport>". The address is USERADDR's.
            tor.awaitBridgeDebugLog("Seen client from '127.0.0.1' with transport 'plain'.", Duration.ofSeconds(30));
        }
    }

    /**
     * A wrapper that tor launches instead of ptdispatcher itself, pointing the Extended ORPort
     * cookie at {@code cookie}: how a bridge with the wrong cookie behaves, with the real tor.
     */
    private Path launcherWithCookie(Path cookie) throws Exception {
        Path wrapper = dir.resolve("pt-with-cookie.sh");
        Files.writeString(wrapper, "#!/bin/sh\nTOR_PT_AUTH_COOKIE_FILE='" + cookie + "' exec '" + PtProcess.launcher() + "' -ipcLogLevel WARN\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return wrapper;
    }

    @Test
    void aCookieThatIsNotTorsFailsEachConnectionWithALogLine() throws Exception {
        Path cookie = dir.resolve("wrong-cookie");
        byte[] content = new byte[64];
        System.arraycopy("! Extended ORPort Auth Cookie !\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 32);
        Files.write(cookie, content);
        try (TorTestNetwork tor = TorTestNetwork.in(dir)) {
            String fingerprint = tor.startBridge("plain", launcherWithCookie(cookie).toString(), Optional.empty());
            tor.awaitBridgeLog("Registered server transport 'plain'", Duration.ofSeconds(60));
            tor.startClient("plain", PtProcess.launcher().toString(), "plain " + TorTestNetwork.bridgeAddress() + " " + fingerprint);
            tor.awaitBridgeLog("the Extended ORPort's server hash does not verify", Duration.ofSeconds(60));
        }
    }

    @Test
    void anUnreadableCookieFileFailsEachConnectionWithALogLine() throws Exception {
        Path cookie = dir.resolve("not-a-cookie");
        Files.writeString(cookie, "garbage");
        try (TorTestNetwork tor = TorTestNetwork.in(dir)) {
            String fingerprint = tor.startBridge("plain", launcherWithCookie(cookie).toString(), Optional.empty());
            tor.awaitBridgeLog("does not have the cookie format", Duration.ofSeconds(60));
            tor.startClient("plain", PtProcess.launcher().toString(), "plain " + TorTestNetwork.bridgeAddress() + " " + fingerprint);
            tor.awaitBridgeLog("cannot forward a client: the Extended ORPort cookie file", Duration.ofSeconds(60));
        }
    }

    /** The {@code cert=... iat-mode=N} part of the bridge line the bridge's obfs4 wrote into its state. */
    private static String obfs4Args(TorTestNetwork tor) throws Exception {
        Path bridgeLine = tor.bridgeTransportState().resolve("obfs4_bridgeline.txt");
        for (String line : Files.readAllLines(bridgeLine)) {
            int cert = line.indexOf("cert=");
            if (line.startsWith("Bridge obfs4") && cert > 0) {
                return line.substring(cert).trim();
            }
        }
        throw new AssertionError("no bridge line in " + bridgeLine);
    }

    /** A tor client using {@code clientPt} reaches a tor bridge using {@code bridgePt}, both for obfs4. */
    private void obfs4Bridge(String bridgePt, String clientPt) throws Exception {
        try (TorTestNetwork tor = TorTestNetwork.in(dir)) {
            String fingerprint = tor.startBridge("obfs4", bridgePt, Optional.empty());
            tor.awaitBridgeLog("Registered server transport 'obfs4'", Duration.ofSeconds(60));
            tor.startClient("obfs4", clientPt, "obfs4 " + TorTestNetwork.bridgeAddress() + " " + fingerprint + " " + obfs4Args(tor));
            String line = tor.awaitClientLog("new bridge descriptor 'ptdtestbridge' (fresh)", Duration.ofSeconds(120));
            assertTrue(line.contains(fingerprint), line);
        }
    }

    @Test
    void torOverObfs4WithOurTransportOnBothSides() throws Exception {
        obfs4Bridge(PtProcess.launcher() + " -ipcLogLevel INFO", PtProcess.launcher().toString());
    }

    @Test
    void ourObfs4ClientReachesABridgeRunningObfs4proxy() throws Exception {
        obfs4Bridge(Peer.require("obfs4proxy", "obfs4proxy").toString(), PtProcess.launcher().toString());
    }

    @Test
    void obfs4proxysClientReachesABridgeRunningOurObfs4() throws Exception {
        obfs4Bridge(PtProcess.launcher().toString(), Peer.require("obfs4proxy", "obfs4proxy").toString());
    }

    @Test
    void ourObfs4ClientReachesABridgeRunningLyrebird() throws Exception {
        obfs4Bridge(Peer.requireUnstable("lyrebird").toString(), PtProcess.launcher().toString());
    }

    @Test
    void lyrebirdsClientReachesABridgeRunningOurObfs4() throws Exception {
        obfs4Bridge(PtProcess.launcher().toString(), Peer.requireUnstable("lyrebird").toString());
    }
}
