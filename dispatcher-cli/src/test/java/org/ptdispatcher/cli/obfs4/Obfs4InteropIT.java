package org.ptdispatcher.cli.obfs4;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * obfs4 interoperability with obfs4proxy 0.0.14: curl fetches 64 MiB through each of the four
 * pairings {our, obfs4proxy} client x {our, obfs4proxy} server, for iat-mode 0, 1 and 2, and
 * the SHA-256 of what arrives is checked.
 *
 * <p>For each iat-mode, obfs4proxy's server starts from a state file (written here with a fixed
 * drbg-seed), and our server is given the state file obfs4proxy wrote back: both announce the
 * same cert, which shows state written by obfs4proxy works with ours.
 *
 * <p>iat-modes 1 and 2 pace every segment with a random pause of up to 10 ms (that is the
 * protocol, in obfs4proxy as here), drawn from tables derived from the drbg-seed: the fixed seed
 * keeps 64 MiB to about a minute per transfer, and the transfers of one test run side by side.
 */
class Obfs4InteropIT {
    private static final long SIZE = 64L * 1024 * 1024;
    private static final int PACED_MAX_SECONDS = 900;

    @TempDir
    static Path state;

    private static Path curl;
    private static HttpTestServer http;
    private static Obfs4Endpoints.Client ourClient;
    private static Obfs4Endpoints.Client peerClient;
    private static final Map<String, Obfs4Endpoints.Server> servers = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path obfs4proxy = Peer.require("obfs4proxy", "obfs4proxy");
        curl = Peer.require("curl", "curl");
        http = HttpTestServer.start();
        for (int iat = 0; iat <= 2; iat++) {
            Path peerState = state.resolve("peer-" + iat);
            Obfs4Endpoints.writeState(peerState, Obfs4Endpoints.FAST_DRBG_SEED, iat);
            Obfs4Endpoints.Server peer = Obfs4Endpoints.peerServer(obfs4proxy, "obfs4", peerState, http.port(), iat);
            Path ourState = state.resolve("ours-" + iat);
            Files.createDirectories(ourState);
            Files.copy(peerState.resolve("obfs4_state.json"), ourState.resolve("obfs4_state.json"));
            Obfs4Endpoints.Server ours = Obfs4Endpoints.ourServer("obfs4", ourState, http.port(), iat);
            assertEquals(peer.cert(), ours.cert(), "our server announces the cert of obfs4proxy's state file");
            servers.put("obfs4proxy server, iat-mode " + iat, peer);
            servers.put("our server, iat-mode " + iat, ours);
        }
        ourClient = Obfs4Endpoints.ourClient("obfs4", state.resolve("our-client"));
        peerClient = Obfs4Endpoints.peerClient(obfs4proxy, "obfs4", state.resolve("peer-client"));
    }

    @AfterAll
    static void stop() {
        Obfs4Endpoints.close(ourClient);
        Obfs4Endpoints.close(peerClient);
        servers.values().forEach(Obfs4Endpoints::close);
        Closeables.closeAll(http);
    }

    @Test
    void iatModeZeroCarries64MiBThroughAllFourPairings() throws Exception {
        assertAllPairingsCarry(List.of(0), 300);
    }

    @Test
    void iatModesOneAndTwoCarry64MiBThroughAllFourPairings() throws Exception {
        assertAllPairingsCarry(List.of(1, 2), PACED_MAX_SECONDS);
    }

    private static void assertAllPairingsCarry(List<Integer> iatModes, int maxSeconds) throws Exception {
        Map<String, Future<String>> results = new LinkedHashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            long seed = 1;
            for (int iat : iatModes) {
                for (Obfs4Endpoints.Client client : List.of(ourClient, peerClient)) {
                    for (String serverName : List.of("our server, iat-mode " + iat, "obfs4proxy server, iat-mode " + iat)) {
                        Obfs4Endpoints.Server server = servers.get(serverName);
                        long s = seed++;
                        results.put(client.name() + " -> " + serverName,
                                pool.submit(() -> Obfs4Endpoints.fetchAndVerify(curl, client, server, SIZE, s, maxSeconds)));
                    }
                }
            }
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Future<String>> r : results.entrySet()) {
                String outcome = r.getValue().get(maxSeconds + 60L, TimeUnit.SECONDS);
                if (outcome != null) {
                    failures.add(r.getKey() + ": " + outcome);
                }
            }
            assertEquals(List.of(), failures);
        } finally {
            pool.shutdownNow();
        }
    }
}
