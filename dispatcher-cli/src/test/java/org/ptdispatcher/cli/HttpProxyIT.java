package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP proxy side of a client's SOCKS port, with real curl: plain {@code http://} requests
 * forwarded and CONNECT tunnels carried byte-exact, the status for a destination that refuses,
 * and the refusals of malformed heads.
 */
class HttpProxyIT {
    private static final long BYTES = 3 * 1024 * 1024;

    @TempDir
    static Path dir;

    private static HttpTestServer http;
    private static PtProcess client;
    private static String proxy;

    @BeforeAll
    static void start() throws Exception {
        http = HttpTestServer.start();
        client = PtProcess.ptdispatcher().directory(dir).args("-transport", "plain", "-connectTimeout", "5").start();
        proxy = client.awaitCmethod("plain");
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        http.close();
    }

    private static String httpAddress() {
        return "127.0.0.1:" + http.port();
    }

    @Test
    void aPlainHttpRequestIsForwardedByteExact() throws Exception {
        assertEquals(Optional.empty(), Traffic.curlDownloadProblem(List.of("--proxy", "http://" + proxy), httpAddress(), BYTES, 11, 120));
    }

    @Test
    void aConnectTunnelCarriesTheDownloadByteExact() throws Exception {
        assertEquals(Optional.empty(),
                Traffic.curlDownloadProblem(List.of("--proxy", "http://" + proxy, "--proxytunnel"), httpAddress(), BYTES, 12, 120));
    }

    @Test
    void aDestinationThatRefusesGetsBadGateway() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertEquals("502", curl("-o", "/dev/null", "-w", "%{http_code}", "--proxy", "http://" + proxy, "http://127.0.0.1:" + closed + "/"));
        assertEquals("502", curl("-o", "/dev/null", "-w", "%{http_connect}", "--proxy", "http://" + proxy, "--proxytunnel",
                "http://127.0.0.1:" + closed + "/"));
    }

    @Test
    void aRequestThatIsNotForAProxyGetsBadRequestAndAClose() throws IOException {
        assertEquals("HTTP/1.1 400 Bad Request", firstLineThenEnd("GET /hello HTTP/1.1\r\nHost: " + httpAddress() + "\r\n\r\n"));
    }

    @Test
    void anHttpsUrlWithoutConnectIsNotImplemented() throws IOException {
        assertEquals("HTTP/1.1 501 Not Implemented", firstLineThenEnd("GET https://" + httpAddress() + "/ HTTP/1.1\r\n\r\n"));
    }

    @Test
    void aHeadLongerThanTheLimitGetsHeadersTooLarge() throws IOException {
        String longHeader = "X-Long: " + "a".repeat(20_000) + "\r\n";
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large",
                firstLineThenEnd("GET http://" + httpAddress() + "/hello HTTP/1.1\r\n" + longHeader + "\r\n"));
    }

    /** Sends {@code request}, reads the reply's status line, and checks the connection then ends. */
    private static String firstLineThenEnd(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address(proxy), 5000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] reply = s.getInputStream().readAllBytes(); // to the end: the proxy closes after a refusal
            String text = new String(reply, StandardCharsets.ISO_8859_1);
            assertTrue(text.endsWith("\r\n\r\n"), "a head with no body: " + text);
            return text.substring(0, text.indexOf("\r\n"));
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static String curl(String... args) throws Exception {
        Path curl = Peer.require("curl", "curl");
        List<String> command = new java.util.ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "30"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl finished");
        return out.trim();
    }
}
