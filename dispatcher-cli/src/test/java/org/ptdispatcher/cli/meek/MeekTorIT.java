package org.ptdispatcher.cli.meek;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.NetworkNamespace;
import org.ptdispatcher.cli.testing.Nginx;
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
 * Tor as the parent of meek_lite on both sides, in the namespace of {@link TorTestNetwork}: the
 * bridge's transport listens on 127.0.0.1:5002 behind an nginx with TLS on 198.18.0.1:443, and the
 * client's bridge line fronts through that address (an IP front: no SNI, the certificate's IP entry)
 * while naming reflector.test in Host. The client fetching the bridge's descriptor proves the chain;
 * tor's record of the client as 198.18.0.1 (nginx connects from 127.0.0.1) proves USERADDR came from
 * X-Forwarded-For.
 */
class MeekTorIT {
    @TempDir
    Path dir;

    /** A script tor runs as the plugin: {@code program} with the test CA trusted (tor passes its environment on). */
    private Path withCa(String program, TestCa ca) throws Exception {
        Path wrapper = dir.resolve("client-pt.sh");
        Files.writeString(wrapper, "#!/bin/sh\nSSL_CERT_FILE='" + ca.caFile() + "' exec " + program + "\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return wrapper;
    }

    private void torThroughMeek(String clientPt) throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), MeekEndpoints.certificateNames());
        try (TorTestNetwork tor = TorTestNetwork.in(dir)) {
            String fingerprint = tor.startBridge("meek_lite", PtProcess.launcher() + " -ipcLogLevel INFO", Optional.empty());
            tor.awaitBridgeLog("Registered server transport 'meek_lite'", Duration.ofSeconds(60));
            List<String> addAddress = new ArrayList<>(tor.enterNamespace());
            addAddress.addAll(List.of("ip", "addr", "add", NetworkNamespace.ADDRESS + "/32", "dev", "lo"));
            Traffic.run(addAddress.toArray(String[]::new));
            String location = "    location /meek/ {\n"
                    + "      proxy_pass http://" + TorTestNetwork.bridgeAddress() + "/;\n"
                    + "      proxy_set_header Host $host;\n"
                    + "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                    + "    }\n";
            try (Nginx front = Nginx.startTls(dir.resolve("nginx"), tor.enterNamespace(), NetworkNamespace.ADDRESS + ":443", ca, location)) {
                tor.startClient("meek_lite", withCa(clientPt, ca).toString(), "meek_lite 192.0.2.18:80 " + fingerprint
                        + " url=https://" + MeekEndpoints.REFLECTOR + "/meek/ front=" + NetworkNamespace.ADDRESS);
                String line = tor.awaitClientLog("new bridge descriptor 'ptdtestbridge' (fresh)", Duration.ofSeconds(120));
                assertTrue(line.contains(fingerprint), line);
            }
        }
        assertTrue(Files.readString(dir.resolve("bridge-debug.log")).contains("Seen client from '" + NetworkNamespace.ADDRESS
                + "' with transport 'meek_lite'."), "tor saw the client's address from X-Forwarded-For, not nginx's 127.0.0.1");
    }

    @Test
    void torOverMeekWithOurTransportOnBothSides() throws Exception {
        torThroughMeek(PtProcess.launcher().toString());
    }

    @Test
    void lyrebirdsClientReachesABridgeRunningOurMeekServer() throws Exception {
        torThroughMeek(Peer.requireUnstable("lyrebird").toString());
    }
}
