package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The caps on pending handshakes and on connections (issue 15, defect 2), set low through the
 * JVM options the launcher passes on: a connection past a cap is closed as it is accepted, one
 * WARNING says so, and the connections within the caps are served.
 */
class ConnectionCapsIT {
    @TempDir
    Path dir;

    private PtProcess client(String javaOptions) throws Exception {
        return PtProcess.ptdispatcher().directory(dir).env("PTDISPATCHER_JAVA_OPTS", javaOptions)
                .args("-transport", "plain", "-ipcLogLevel", "WARN").start();
    }

    private static Socks5Client tunnel(String socks, EchoServer echo) throws Exception {
        Socks5Client c = Socks5Client.connect(socks);
        assertEquals(0, c.greet(0));
        assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port()));
        return c;
    }

    @Test
    void aConnectionPastTheHandshakeCapIsClosedAndTunnelsDoNotCount() throws Exception {
        try (EchoServer echo = EchoServer.start(); PtProcess client = client("-Dptdispatcher.maxPendingHandshakes=4")) {
            String socks = client.awaitCmethod("plain");
            List<Socks5Client> open = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    open.add(tunnel(socks, echo)); // relayed: no longer pending
                }
                for (int i = 0; i < 4; i++) {
                    open.add(Socks5Client.connect(socks)); // never speaks: the cap is full
                }
                try (Socks5Client fifth = Socks5Client.connect(socks)) {
                    assertTrue(fifth.closedByServer(), "a fifth pending handshake was kept");
                }
                String warning = client.awaitStdout(l -> l.startsWith("LOG WARN"), Duration.ofSeconds(10));
                assertTrue(warning.contains("handshake limit reached (4"), warning);
                assertTunnelsWork(open.subList(0, 4));
            } finally {
                for (Socks5Client c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aConnectionPastTheConnectionCapIsClosed() throws Exception {
        try (EchoServer echo = EchoServer.start(); PtProcess client = client("-Dptdispatcher.maxConnections=3")) {
            String socks = client.awaitCmethod("plain");
            List<Socks5Client> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(tunnel(socks, echo));
                }
                try (Socks5Client fourth = Socks5Client.connect(socks)) {
                    assertTrue(fourth.closedByServer(), "a fourth connection was kept");
                }
                String warning = client.awaitStdout(l -> l.startsWith("LOG WARN"), Duration.ofSeconds(10));
                assertTrue(warning.contains("connection limit reached (3"), warning);
                assertTunnelsWork(open);
            } finally {
                for (Socks5Client c : open) {
                    c.close();
                }
            }
        }
    }

    private static void assertTunnelsWork(List<Socks5Client> tunnels) throws Exception {
        for (Socks5Client t : tunnels) {
            t.send("ok".getBytes());
            assertArrayEquals("ok".getBytes(), t.read(2), "a tunnel within the caps");
        }
    }
}
