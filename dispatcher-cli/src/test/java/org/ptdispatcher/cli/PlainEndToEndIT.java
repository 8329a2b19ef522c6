package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.cli.testing.Traffic;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole pipeline with the {@code plain} transport, as real processes: an HTTP or echo server,
 * our server in front of it, our client in front of that, and a real client (curl, or sockets).
 */
class PlainEndToEndIT {
    private static final long BIG = 100L * 1024 * 1024;

    @TempDir
    static Path state;

    private static HttpTestServer http;
    private static EchoServer echo;
    private static PtProcess httpServerSide;
    private static PtProcess echoServerSide;
    private static PtProcess client;
    private static String serverAddress;
    private static String echoServerAddress;
    private static String socksAddress;

    @BeforeAll
    static void startPipeline() throws Exception {
        http = HttpTestServer.start();
        echo = EchoServer.start();
        httpServerSide = PtProcess.ptdispatcher()
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + http.port(), "-state", state.resolve("server").toString())
                .start();
        serverAddress = httpServerSide.awaitSmethod("plain").address();
        echoServerSide = PtProcess.ptdispatcher()
                .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + echo.port(), "-state", state.resolve("echo").toString())
                .start();
        echoServerAddress = echoServerSide.awaitSmethod("plain").address();
        client = PtProcess.ptdispatcher()
                .args("-client", "-transport", "plain", "-state", state.resolve("client").toString())
                .start();
        socksAddress = client.awaitCmethod("plain");
    }

    @AfterAll
    static void stopPipeline() {
        Closeables.closeAll(client, httpServerSide, echoServerSide, http, echo);
    }

    @Test
    void curlFetchesThroughThePair() throws Exception {
        Path curl = Peer.require("curl", "curl");
        String body = run(curl.toString(), "-sS", "--max-time", "20", "--socks5-hostname", socksAddress,
                "http://" + serverAddress + "/hello");
        assertEquals("hello", body);
    }

    @Test
    void hundredMebibytesArriveIntactThroughCurl() throws Exception {
        Traffic.assertCurlDownload(socksAddress, serverAddress, BIG, 7);
    }

    @Test
    void twoHundredConcurrentConnectionsAreEachByteExact() throws Exception {
        int colon = echoServerAddress.lastIndexOf(':');
        String host = echoServerAddress.substring(0, colon);
        int port = Integer.parseInt(echoServerAddress.substring(colon + 1));
        Traffic.assertConcurrentEchoes(200, index -> {
            Socks5Client socks = Socks5Client.connect(socksAddress);
            assertEquals(0, socks.greet(0));
            assertEquals(0, socks.connectDomain(host, port));
            return socks.socket();
        });
    }

    static String run(String... command) throws Exception {
        return Traffic.run(command);
    }

    static InetSocketAddress socketAddress(String text) {
        return Traffic.socketAddress(text);
    }
}
