package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Closeables;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;
import org.ptdispatcher.cli.testing.Traffic;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where Netty's native epoll does not load (macOS, Windows, an odd Linux), the engine runs on
 * NIO: listeners bound as JDK sockets and handed to Netty's NIO channels. Forced here with Netty's
 * own switch, {@code -Dio.netty.transport.noNative=true}, on a client and a server of the plain
 * transport, through which real traffic must pass intact.
 */
class NioFallbackIT {
    private static final String WITHOUT_EPOLL = "-Dio.netty.transport.noNative=true";

    @TempDir
    static Path state;

    private static HttpTestServer http;
    private static EchoServer echo;
    private static PtProcess httpServerSide;
    private static PtProcess echoServerSide;
    private static PtProcess client;
    private static String httpServerAddress;
    private static String echoServerAddress;
    private static String socksAddress;

    @BeforeAll
    static void startPipeline() throws Exception {
        http = HttpTestServer.start();
        echo = EchoServer.start();
        httpServerSide = withoutEpoll("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                "-target", "127.0.0.1:" + http.port(), "-state", state.resolve("server").toString());
        echoServerSide = withoutEpoll("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0",
                "-target", "127.0.0.1:" + echo.port(), "-state", state.resolve("echo").toString());
        client = withoutEpoll("-client", "-transport", "plain", "-state", state.resolve("client").toString());
        httpServerAddress = httpServerSide.awaitSmethod("plain").address();
        echoServerAddress = echoServerSide.awaitSmethod("plain").address();
        socksAddress = client.awaitCmethod("plain");
    }

    private static PtProcess withoutEpoll(String... args) throws Exception {
        String[] withLog = new String[args.length + 2];
        System.arraycopy(args, 0, withLog, 0, args.length);
        withLog[args.length] = "-ipcLogLevel";
        withLog[args.length + 1] = "DEBUG";
        PtProcess pt = PtProcess.ptdispatcher().env("PTDISPATCHER_JAVA_OPTS", WITHOUT_EPOLL).args(withLog).start();
        pt.awaitStdout(line -> line.startsWith("LOG DEBUG native epoll unavailable, using NIO"), Duration.ofSeconds(30));
        return pt;
    }

    @AfterAll
    static void stopPipeline() {
        Closeables.closeAll(client, httpServerSide, echoServerSide, http, echo);
    }

    @Test
    void sixtyFourMebibytesArriveIntactThroughCurl() throws Exception {
        Traffic.assertCurlDownload(socksAddress, httpServerAddress, 64L * 1024 * 1024, 11);
    }

    @Test
    void fiftyConcurrentConnectionsAreEachByteExact() throws Exception {
        String target = echoServerAddress;
        int colon = target.lastIndexOf(':');
        Traffic.assertConcurrentEchoes(50, index -> {
            Socks5Client connection = Socks5Client.connect(socksAddress);
            assertEquals(0, connection.greet(0));
            assertEquals(0, connection.connectDomain(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))));
            return connection.socket();
        });
    }
}
