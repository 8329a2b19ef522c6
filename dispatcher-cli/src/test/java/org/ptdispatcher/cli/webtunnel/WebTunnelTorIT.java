package org.ptdispatcher.cli.webtunnel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Nginx;
import org.ptdispatcher.cli.testing.NetworkNamespace;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.TestCa;
import org.ptdispatcher.cli.testing.TorTestNetwork;
import org.ptdispatcher.cli.testing.Traffic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tor as the parent of webtunnel on both sides, in the namespace of {@link TorTestNetwork}: the
 * bridge's transport listens on 127.0.0.1:5002 behind an nginx with TLS on 198.18.0.1:443, and
 * the client's bridge line is the one the bridge's SMETHOD makes (its synthetic address, url,
 * ver). The client fetching the bridge's descriptor proves the chain; tor's record of the client
 * as 198.18.0.1 (nginx itself connects from 127.0.0.1) proves USERADDR came from X-Forwarded-For.
 */
class WebTunnelTorIT {
    private static final String URL = "https://" + NetworkNamespace.ADDRESS + "/" + WebTunnelEndpoints.PATH;

    @TempDir
    Path dir;

    /** A script tor runs as the plugin: {@code program} with the test CA trusted (tor passes its environment on). */
    private Path withCa(String name, String program, TestCa ca) throws Exception {
        Path wrapper = dir.resolve(name + ".sh");
        Files.writeString(wrapper, "#!/bin/sh\nSSL_CERT_FILE='" + ca.caFile() + "' exec " + program + "\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return wrapper;
    }

    private void torThroughWebTunnel(String bridgePt, String clientPt) throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), WebTunnelEndpoints.certificateNames());
        try (TorTestNetwork tor = TorTestNetwork.in(dir)) {
            String fingerprint = tor.startBridge("webtunnel", bridgePt, Optional.of("url=" + URL));
            String registered = tor.awaitBridgeLog("Registered server transport 'webtunnel'", Duration.ofSeconds(60));
            List<String> addAddress = new ArrayList<>(tor.enterNamespace());
            addAddress.addAll(List.of("ip", "addr", "add", NetworkNamespace.ADDRESS + "/32", "dev", "lo"));
            Traffic.run(addAddress.toArray(String[]::new));
            String listen = TorTestNetwork.bridgeAddress();
            try (Nginx front = Nginx.startTls(dir.resolve("nginx"), tor.enterNamespace(), NetworkNamespace.ADDRESS + ":443", ca,
                    Nginx.upgradeLocation("= /" + WebTunnelEndpoints.PATH, listen))) {
                // The address tor registered is the SMETHOD's, synthetic: the bridge line carries it, as bridge lines from rdsys do.
                String address = registered.substring(registered.indexOf(" at '") + 5, registered.lastIndexOf('\''));
                tor.startClient("webtunnel", withCa("client-pt", clientPt, ca).toString(),
                        "webtunnel " + address + " " + fingerprint + " url=" + URL + " ver=0.0.7");
                String line = tor.awaitClientLog("new bridge descriptor 'ptdtestbridge' (fresh)", Duration.ofSeconds(120));
                assertTrue(line.contains(fingerprint), line);
            }
        }
    }

    @Test
    void torOverWebTunnelWithOurTransportOnBothSidesAndTheClientsAddressFromXForwardedFor() throws Exception {
        torThroughWebTunnel(PtProcess.launcher() + " -ipcLogLevel INFO", PtProcess.launcher().toString());
        // (The bridge's debug log outlives the network's close.)
        assertTrue(Files.readString(dir.resolve("bridge-debug.log")).contains("Seen client from '" + NetworkNamespace.ADDRESS
                + "' with transport 'webtunnel'."), "tor saw the client's address, not nginx's 127.0.0.1");
    }

    @Test
    void theReferenceClientReachesABridgeRunningOurWebTunnel() throws Exception {
        torThroughWebTunnel(PtProcess.launcher().toString(), Peer.requireUnstable("webtunnel-client").toString());
    }

    @Test
    void ourClientReachesABridgeRunningTheReferenceServer() throws Exception {
        torThroughWebTunnel(Peer.requireUnstable("webtunnel-server").toString(), PtProcess.launcher().toString());
    }
}
