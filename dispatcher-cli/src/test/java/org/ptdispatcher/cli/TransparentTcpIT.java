package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Client {@code -mode transparent-TCP}: applications connect to the client's port as if it were the server. */
class TransparentTcpIT {
    private static final long BIG = 100L * 1024 * 1024;

    @TempDir
    static Path dir;

    private static HttpTestServer http;
    private static EchoServer echo;
    private static final List<PtProcess> processes = new ArrayList<>();
    private static String httpEntrance;
    private static String echoEntrance;

    @BeforeAll
    static void start() throws Exception {
        http = HttpTestServer.start();
        echo = EchoServer.start();
        httpEntrance = transparentPairTo(http.port(), "http");
        echoEntrance = transparentPairTo(echo.port(), "echo");
    }

    /** A plain server in front of {@code targetPort} and a transparent client in front of it; returns the client's address. */
    private static String transparentPairTo(int targetPort, String name) throws Exception {
        PtProcess server = PtProcess.ptdispatcher().directory(dir.resolve(name + "-server"))
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0", "-target", "127.0.0.1:" + targetPort)
                .start();
        processes.add(server);
        String serverAddress = server.awaitSmethod("plain").address();
        PtProcess client = PtProcess.ptdispatcher().directory(dir.resolve(name + "-client"))
                .args("-client", "-transport", "plain", "-mode", "transparent-TCP", "-target", serverAddress)
                .start();
        processes.add(client);
        return client.awaitCmethod("plain");
    }

    @AfterAll
    static void stop() throws IOException {
        processes.forEach(PtProcess::close);
        http.close();
        echo.close();
    }

    @Test
    void curlReachesTheServerThroughTheTransparentClient() throws Exception {
        Path curl = Peer.require("curl", "curl");
        assertEquals("hello", PlainEndToEndIT.run(curl.toString(), "-sS", "--max-time", "20", "http://" + httpEntrance + "/hello"));
    }

    @Test
    void hundredMebibytesArriveIntact() throws Exception {
        Traffic.assertCurlDownload(null, httpEntrance, BIG, 11);
    }

    @Test
    void twoHundredConcurrentConnectionsAreEachByteExact() throws Exception {
        Traffic.assertConcurrentEchoes(200, index -> Traffic.connect(echoEntrance));
    }
}
