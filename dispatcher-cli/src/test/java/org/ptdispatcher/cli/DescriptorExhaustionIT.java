package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running out of file descriptors (issue 15, defect 1): the engine runs under {@code ulimit -n 256}
 * and is given more connections than that allows. It must stay up, keep the tunnels it has, close
 * what it cannot take (with the right SOCKS reply where a SOCKS request was made), say so in one
 * WARNING, and serve again once the connections are gone. Before the fix the server took the
 * failed read of its parent's pid for the parent's death and exited; the client exited 70 on an
 * IllegalStateException from a channel that was never registered, and as PID 1 of a namespace
 * (no parent to watch) it stayed wedged.
 */
class DescriptorExhaustionIT {
    private static final int LIMIT = 256;
    /** Well past what {@link #LIMIT} descriptors can hold, each connection taking two (its own and the one onward). */
    private static final int CONNECTIONS = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static EchoServer echo;

    @BeforeAll
    static void startEcho() throws IOException {
        echo = EchoServer.start();
    }

    @AfterAll
    static void stopEcho() throws IOException {
        echo.close();
    }

    /** The engine with {@code args}, its descriptor limit set by the shell that execs it. */
    private static PtProcess.Builder limited(List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("bash", "-c", "ulimit -n " + LIMIT + " && exec \"$0\" \"$@\"", PtProcess.launcher().toString()));
        command.addAll(List.of(args));
        return PtProcess.command(command.toArray(String[]::new)).directory(dir);
    }

    @Test
    void aServerOutOfDescriptorsKeepsItsTunnelsAndServesAgainOnceTheyFreeUp() throws Exception {
        exhaustServer(List.of());
    }

    @Test
    void aServerAsPidOneOfANamespaceRecoversToo() throws Exception {
        Peer.require("unshare", "util-linux");
        exhaustServer(List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child"));
    }

    private static void exhaustServer(List<String> prefix) throws Exception {
        try (PtProcess server = limited(prefix, "-server", "-transports", "plain", "-bindaddr", "plain-127.0.0.1:0",
                "-target", "127.0.0.1:" + echo.port(), "-ipcLogLevel", "INFO", "-exit-on-stdin-close").start()) {
            String address = server.awaitSmethod("plain").address();
            try (Socket live = connect(address)) {
                assertEchoes(live, "before");
                List<Socket> idle = new ArrayList<>();
                try {
                    for (int i = 0; i < CONNECTIONS; i++) {
                        idle.add(connect(address));
                    }
                    server.awaitStdout(DescriptorExhaustionIT::saysTooManyOpenFiles, DEADLINE);
                    assertEchoes(live, "during");
                    assertTrue(server.process().isAlive());
                } finally {
                    for (Socket s : idle) {
                        s.close();
                    }
                }
                assertServesAgain(() -> {
                    try (Socket fresh = connect(address)) {
                        assertEchoes(fresh, "after");
                    }
                });
                assertEchoes(live, "still");
            }
            assertOneWarning(server);
            server.closeStdin();
            assertEquals(Optional.of(0), server.awaitExit(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aClientOutOfDescriptorsAnswersWhatItCannotServeAndKeepsItsTunnels() throws Exception {
        exhaustClient(List.of());
    }

    /** As PID 1 of a PID namespace there is no parent to watch, so nothing but the client's own handling ends a wedge. */
    @Test
    void aClientAsPidOneOfANamespaceRecoversToo() throws Exception {
        Peer.require("unshare", "util-linux");
        exhaustClient(List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child"));
    }

    private static void exhaustClient(List<String> prefix) throws Exception {
        try (PtProcess client = limited(prefix, "-client", "-transports", "plain", "-ipcLogLevel", "WARN", "-exit-on-stdin-close").start()) {
            String socks = client.awaitCmethod("plain");
            List<Socks5Client> tunnels = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Optional<Socks5Client> tunnel = openTunnel(socks);
                    if (tunnel.isPresent()) {
                        tunnels.add(tunnel.get());
                    } else {
                        refused++;
                    }
                }
                assertTrue(refused > 0, "all " + CONNECTIONS + " connections were served: the limit was not reached");
                client.awaitStdout(DescriptorExhaustionIT::saysTooManyOpenFiles, DEADLINE);
                assertTrue(client.process().isAlive(), "the client exited");
                for (Socks5Client t : tunnels) {
                    assertEchoes(t.socket(), "kept");
                }
            } finally {
                for (Socks5Client t : tunnels) {
                    t.close();
                }
            }
            assertServesAgain(() -> {
                try (Socks5Client fresh = openTunnel(socks).orElseThrow(() -> new IOException("refused"))) {
                    assertEchoes(fresh.socket(), "after");
                }
            });
            assertOneWarning(client);
            client.closeStdin();
            assertEquals(Optional.of(0), client.awaitExit(Duration.ofSeconds(10)));
        }
    }

    /**
     * A SOCKS CONNECT to the echo server: the tunnel if it succeeded; empty if the client closed
     * the connection or answered with a failure code (0x01, general failure, is what running out
     * of descriptors is).
     */
    private static Optional<Socks5Client> openTunnel(String socks) throws IOException {
        Socks5Client c = Socks5Client.connect(socks);
        try {
            if (c.greet(0) != 0) {
                throw new AssertionError("no-auth refused");
            }
            int reply = c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port());
            if (reply == 0) {
                return Optional.of(c);
            }
            assertEquals(1, reply, "the reply for a connection that could not be made");
        } catch (java.io.EOFException | java.net.SocketException closed) {
            // closed at accept: the descriptor it needed was not there
        }
        c.close();
        return Optional.empty();
    }

    private interface Attempt {
        void run() throws IOException;
    }

    /** Tries until an attempt succeeds: each one ends at once, served or closed, while the engine frees what the closed connections held. */
    private static void assertServesAgain(Attempt attempt) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                attempt.run();
                return;
            } catch (IOException e) {
                last = e;
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("not served again within " + DEADLINE, last);
    }

    private static boolean saysTooManyOpenFiles(String line) {
        return line.toLowerCase(Locale.ROOT).contains("too many open files");
    }

    /** Exactly one WARNING says so, and nothing else is logged at WARNING or above. */
    private static void assertOneWarning(PtProcess engine) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        for (Optional<String> l = engine.nextStdoutLine(Duration.ofMillis(200)); l.isPresent(); l = engine.nextStdoutLine(Duration.ofMillis(200))) {
            lines.add(l.get());
        }
        List<String> warnings = lines.stream().filter(l -> l.startsWith("LOG WARN") || l.startsWith("LOG ERROR")).toList();
        assertEquals(List.of(), warnings, "WARNING lines after the first");
    }

    private static Socket connect(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket s = new Socket();
        s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 5000);
        s.setSoTimeout(20_000);
        return s;
    }

    private static void assertEchoes(Socket socket, String text) throws IOException {
        byte[] message = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(message);
        byte[] back = socket.getInputStream().readNBytes(message.length);
        assertArrayEquals(message, back, "echo of \"" + text + "\"");
    }
}
