package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.Exited;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pt-spec version 1 as tor 0.4.x reads it: every line on stdout, byte for byte, for the sessions
 * tor runs (client, bridge) and for each error tor can be told about. Tor reads nothing on stderr.
 */
class TorDialectIT {
    private static final String ADDRESS = "127\\.0\\.0\\.1:\\d{1,5}";

    @TempDir
    Path dir;

    /** The environment tor gives a client transport plugin. */
    private PtProcess.Builder torClient() {
        return PtProcess.ptdispatcher().directory(dir)
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_STATE_LOCATION", dir.resolve("pt_state").toString())
                .env("TOR_PT_EXIT_ON_STDIN_CLOSE", "1")
                .env("TOR_PT_CLIENT_TRANSPORTS", "plain");
    }

    /** The environment tor gives a bridge's server transport plugin (no Extended ORPort). */
    private PtProcess.Builder torBridge() {
        return PtProcess.ptdispatcher().directory(dir)
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_STATE_LOCATION", dir.resolve("pt_state").toString())
                .env("TOR_PT_EXIT_ON_STDIN_CLOSE", "1")
                .env("TOR_PT_SERVER_TRANSPORTS", "plain")
                .env("TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:0")
                .env("TOR_PT_ORPORT", "127.0.0.1:9001")
                .env("TOR_PT_EXTENDED_SERVER_PORT", "");
    }

    private static void assertLines(List<String> actual, String... patterns) {
        assertEquals(patterns.length, actual.size(), "lines: " + actual);
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(Pattern.matches(patterns[i], actual.get(i)), "line " + i + ": " + actual.get(i) + " !~ " + patterns[i]);
        }
    }

    @Test
    void aClientSessionIsExactlyWhatTorParses() throws Exception {
        Exited run = Exited.run(torClient());
        assertLines(run.stdout(), "VERSION 1", "CMETHOD plain socks5 " + ADDRESS, "CMETHODS DONE");
        assertEquals(List.of(), run.stderr());
        assertEquals(0, run.exitCode());
    }

    @Test
    void aBridgeSessionIsExactlyWhatTorParses() throws Exception {
        Exited run = Exited.run(torBridge());
        assertLines(run.stdout(), "VERSION 1", "SMETHOD plain " + ADDRESS, "SMETHODS DONE");
        assertEquals(List.of(), run.stderr());
    }

    @Test
    void anUpstreamProxyIsAcknowledgedOnStdout() throws Exception {
        Exited run = Exited.run(torClient().env("TOR_PT_PROXY", "socks5://127.0.0.1:9050"));
        assertLines(run.stdout(), "VERSION 1", "PROXY DONE", "CMETHOD plain socks5 " + ADDRESS, "CMETHODS DONE");
    }

    @Test
    void aProxyErrorIsOnStdoutAndExits69() throws Exception {
        Exited run = Exited.run(torClient().env("TOR_PT_PROXY", "socks4a://u:p@127.0.0.1:9050"));
        assertEquals(List.of("VERSION 1", "PROXY-ERROR SOCKS 4a proxies take a user ID but no password"), run.stdout());
        assertEquals(List.of(), run.stderr());
        assertEquals(69, run.exitCode());
    }

    @Test
    void anEnvErrorIsOnStdoutAndExits64() throws Exception {
        Exited run = Exited.run(torBridge().env("TOR_PT_SERVER_TRANSPORT_OPTIONS", "plain:key-without-value"));
        assertEquals(List.of("VERSION 1", "ENV-ERROR TOR_PT_SERVER_TRANSPORT_OPTIONS option 1 for transport plain (from character 1) has no equals sign (write transport:key=value)"), run.stdout());
        assertEquals(List.of(), run.stderr());
        assertEquals(64, run.exitCode());
    }

    @Test
    void torsEscapedServerOptionsAreAccepted() throws Exception {
        Exited run = Exited.run(torBridge().env("TOR_PT_SERVER_TRANSPORT_OPTIONS", "plain:secret=a\\;b\\=c\\\\d;plain:other=\u00e9"));
        assertLines(run.stdout(), "VERSION 1", "SMETHOD plain " + ADDRESS, "SMETHODS DONE");
    }

    @Test
    void logLinesAreSeverityAndAQuotedMessageInAscii() throws Exception {
        Exited run = Exited.run(torClient().env("TOR_PT_CLIENT_TRANSPORTS", "plain,unknown\u00e9").args("-ipcLogLevel", "DEBUG"));
        assertTrue(run.stdout().contains("LOG SEVERITY=debug MESSAGE=\"skipping unknown transport unknown\\303\\251\""), run.stdout().toString());
        assertTrue(run.stdout().stream().allMatch(l -> l.chars().allMatch(c -> c < 0x80)), "every line is US-ASCII: " + run.stdout());
        assertTrue(run.stdout().contains("LOG SEVERITY=notice MESSAGE=\"shutting down: stdin closed\""), run.stdout().toString());
    }

    @Test
    void eachOutgoingConnectionIsReportedWithAStatusLine() throws Exception {
        try (EchoServer echo = EchoServer.start(); PtProcess client = torClient().start()) {
            String socks = client.awaitCmethod("plain");
            try (Socks5Client c = Socks5Client.connect(socks)) {
                assertEquals(0, c.greet(0));
                assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port()));
            }
            assertEquals("STATUS TRANSPORT=plain ADDRESS=127.0.0.1:" + echo.port() + " CONNECT=Success",
                    client.awaitStdout(l -> l.startsWith("STATUS"), Duration.ofSeconds(10)));
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            try (Socks5Client c = Socks5Client.connect(socks)) {
                assertEquals(0, c.greet(0));
                assertEquals(5, c.connectAddress(new byte[] {127, 0, 0, 1}, closed));
            }
            String failed = client.awaitStdout(l -> l.startsWith("STATUS"), Duration.ofSeconds(10));
            assertTrue(failed.startsWith("STATUS TRANSPORT=plain ADDRESS=127.0.0.1:" + closed + " CONNECT=Failed ERRSTR=\""), failed);
            assertTrue(failed.contains("Connection refused"), failed);
        }
    }
}
