package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Exited;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a parent's log gets from the engine when a peer or a parent sends something bad: no
 * secret (error messages name keys and positions, never values), and nothing a peer can use to
 * forge a line.
 */
class LogHygieneIT {
    @TempDir
    static Path dir;

    private static PtProcess client;
    private static String socks;

    @BeforeAll
    static void start() throws Exception {
        client = PtProcess.ptdispatcher().directory(dir.resolve("client")).args("-transport", "plain", "-ipcLogLevel", "DEBUG").start();
        socks = client.awaitCmethod("plain");
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void aMalformedServerOptionIsReportedWithoutItsValue() throws Exception {
        Exited run = Exited.run(PtProcess.ptdispatcher().directory(dir.resolve("server"))
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_SERVER_TRANSPORTS", "shadow")
                .env("TOR_PT_SERVER_BINDADDR", "shadow-127.0.0.1:0")
                .env("TOR_PT_ORPORT", "127.0.0.1:9")
                .env("TOR_PT_STATE_LOCATION", dir.resolve("server").toString())
                .env("TOR_PT_SERVER_TRANSPORT_OPTIONS", "shadow:password\\=S3cr3t"));
        assertEquals(List.of("VERSION 1", "ENV-ERROR TOR_PT_SERVER_TRANSPORT_OPTIONS option 1 for transport shadow (from character 1) "
                + "has no equals sign (write transport:key=value)"), run.stdout());
        assertEquals(64, run.exitCode());
    }

    @Test
    void malformedSocksArgsAreLoggedWithoutTheirText() throws Exception {
        try (Socks5Client c = Socks5Client.connect(socks)) {
            c.greet(0x02);
            assertEquals(1, c.userPassword("cipherName=aes-128-gcm;password=abc;Tail7secret", "\0"));
        }
        String line = client.awaitStdout(l -> l.contains("SOCKS authentication"), Duration.ofSeconds(10));
        assertEquals("pair 3 (from character 37) has no equals sign", line.substring(line.indexOf("rejected: ") + "rejected: ".length()));
        assertFalse(line.contains("Tail7secret") || line.contains("abc"), line);
    }

    /** A domain name with a TAB, an escape sequence, a line break and non-ASCII bytes: the DEBUG line that names it is one escaped line. */
    @Test
    void bytesFromTheNetworkAreEscapedInLogLines() throws Exception {
        byte[] host = "evil\tname\u001b[2J\r\nLOG ERROR forged \u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (Socks5Client c = Socks5Client.connect(socks)) {
            assertEquals(0, c.greet(0));
            byte[] request = new byte[7 + host.length];
            request[0] = 5;
            request[1] = 1;
            request[3] = 3;
            request[4] = (byte) host.length;
            System.arraycopy(host, 0, request, 5, host.length);
            request[6 + host.length] = 80;
            c.send(request);
            assertEquals(4, c.readReply(), "host unreachable");
        }
        String line = client.awaitStdout(l -> l.contains("evil"), Duration.ofSeconds(10));
        assertTrue(line.contains("evil\\tname\\x1b[2J\\r\\nLOG ERROR forged "), line);
        assertTrue(line.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), "raw bytes in " + line);
    }
}
