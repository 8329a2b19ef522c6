package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.gui.testing.PrivateTorNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * testing/private-tor-network.sh as CI runs it: one private network with a bridge for each PT
 * (ours, obfs4proxy, lyrebird), the app's headless client through each, the page byte-exact
 * through its SOCKS and HTTP ports and in chromium; the three bootstrap times printed side by side.
 */
class PrivateTorNetworkScriptIT {
    @TempDir
    Path dir;

    @Test
    void theAppGetsOnlineThroughABridgeOfEachPtAndChromiumLoadsThePage() throws Exception {
        PrivateTorNetwork.requireTools(List.of("chromium", "obfs4proxy"));
        Path log = dir.resolve("script.log");
        Process script = new ProcessBuilder("bash", PrivateTorNetwork.repository().resolve("testing/private-tor-network.sh").toString(),
                "--bridge-pt", "all", "--work", dir.resolve("work").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = script.waitFor(6, TimeUnit.MINUTES);
        if (!ended) {
            script.destroy();
            script.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertTrue(ended, "the script took over 6 minutes:\n" + output);
        assertEquals(0, script.exitValue(), output);
        for (String pt : List.of("ptdispatcher", "obfs4proxy", "lyrebird")) {
            assertTrue(output.contains(pt + " bridge: page.bin, 262144 bytes through SOCKS5"), pt + "\n" + output);
            assertTrue(output.contains(pt + " bridge: chromium loaded https://127.0.0.1:8443/page.html through http://"), pt + "\n" + output);
            assertTrue(output.lines().anyMatch(l -> l.matches("  " + pt + " +\\d+\\.\\d .*")), "a time for " + pt + "\n" + output);
        }
    }
}
