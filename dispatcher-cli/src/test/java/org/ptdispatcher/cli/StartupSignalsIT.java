package org.ptdispatcher.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.EchoServer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Socks5Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM and SIGINT at every stage of start-up, each sent the moment the parent reads the line
 * that marks the stage (no sleeps): the process ends with 0 and says nothing but protocol lines.
 * Before the handlers were installed ahead of the announcement, a SIGTERM right after
 * {@code CMETHODS DONE} found the JVM's default handler and the process exited 143.
 */
class StartupSignalsIT {
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

    private static PtProcess start(String... extra) throws IOException {
        return PtProcess.ptdispatcher().directory(dir).args("-transport", "plain").args(extra).start();
    }

    private static void assertEndsCleanly(PtProcess p, String signal) throws Exception {
        Optional<Integer> exit = p.awaitExit(Duration.ofSeconds(10));
        assertEquals(Optional.of(0), exit, signal + ": exit code; stderr " + p.allStderr());
        assertEquals(List.of(), p.allStderr(), signal + ": nothing on stderr");
    }

    @Test
    void sigtermRightAfterCmethodsDoneExitsZero() throws Exception {
        try (PtProcess p = start()) {
            p.awaitStdout(l -> l.equals("CMETHODS DONE"), Duration.ofSeconds(30));
            p.signal("TERM");
            assertEndsCleanly(p, "SIGTERM");
        }
    }

    @Test
    void sigintRightAfterCmethodsDoneExitsZero() throws Exception {
        try (PtProcess p = start()) {
            p.awaitStdout(l -> l.equals("CMETHODS DONE"), Duration.ofSeconds(30));
            p.signal("INT");
            assertEndsCleanly(p, "SIGINT");
        }
    }

    @Test
    void sigtermRightAfterSmethodsDoneExitsZero() throws Exception {
        try (PtProcess p = PtProcess.ptdispatcher().directory(dir)
                .args("-server", "-transports", "plain", "-bindaddr", "plain-127.0.0.1:0", "-target", "127.0.0.1:" + echo.port()).start()) {
            p.awaitStdout(l -> l.equals("SMETHODS DONE"), Duration.ofSeconds(30));
            p.signal("TERM");
            assertEndsCleanly(p, "SIGTERM");
        }
    }

    @Test
    void sigtermBetweenVersionAndDoneExitsZero() throws Exception {
        try (PtProcess p = start()) {
            p.awaitStdout(l -> l.startsWith("VERSION "), Duration.ofSeconds(30));
            p.signal("TERM");
            assertEndsCleanly(p, "SIGTERM");
        }
    }

    @Test
    void sigintBetweenVersionAndDoneExitsZero() throws Exception {
        try (PtProcess p = start()) {
            p.awaitStdout(l -> l.startsWith("VERSION "), Duration.ofSeconds(30));
            p.signal("INT");
            assertEndsCleanly(p, "SIGINT");
        }
    }

    /**
     * Before VERSION the JVM itself may still be starting, where no program can handle a signal:
     * what is required is that the process ends at once, by the signal or with 0, and prints no
     * Java trace.
     */
    @Test
    void sigtermBeforeVersionEndsTheProcess() throws Exception {
        try (PtProcess p = start()) {
            p.signal("TERM");
            Optional<Integer> exit = p.awaitExit(Duration.ofSeconds(10));
            assertTrue(exit.equals(Optional.of(0)) || exit.equals(Optional.of(143)), "exit " + exit);
            assertTrue(p.allStderr().stream().noneMatch(l -> l.contains("Exception") || l.contains("\tat ")), "stderr " + p.allStderr());
        }
    }

    /** Twenty connections streaming through the client while SIGTERM comes: exit 0, every connection closed. */
    @Test
    void sigtermUnderLoadExitsZeroAndClosesEveryConnection() throws Exception {
        try (PtProcess p = start()) {
            String socks = p.awaitCmethod("plain");
            List<Socks5Client> clients = new ArrayList<>();
            List<Thread> pumps = new ArrayList<>();
            CountDownLatch flowing = new CountDownLatch(20);
            try {
                for (int i = 0; i < 20; i++) {
                    Socks5Client c = Socks5Client.connect(socks);
                    assertEquals(0, c.greet(0));
                    assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port()));
                    clients.add(c);
                    pumps.add(pump(c, flowing));
                }
                assertTrue(flowing.await(30, TimeUnit.SECONDS), "every connection carried data");
                p.signal("TERM");
                assertEquals(Optional.of(0), p.awaitExit(Duration.ofSeconds(10)));
                for (Thread t : pumps) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                    assertTrue(!t.isAlive(), "a connection stayed open after the exit");
                }
            } finally {
                for (Socks5Client c : clients) {
                    c.close();
                }
            }
        }
    }

    /**
     * SIGINT under load, as tor sends it: the first stops accepting while the twenty streams flow
     * on (each echoes again after it); the second ends the process at once, exit 0, every
     * connection closed.
     */
    @Test
    void sigintUnderLoadStopsAcceptingThenASecondEndsEverything() throws Exception {
        try (PtProcess p = start("-ipcLogLevel", "INFO")) {
            String socks = p.awaitCmethod("plain");
            List<Socks5Client> clients = new ArrayList<>();
            List<Thread> pumps = new ArrayList<>();
            List<AtomicLong> echoes = new ArrayList<>();
            CountDownLatch flowing = new CountDownLatch(20);
            try {
                for (int i = 0; i < 20; i++) {
                    Socks5Client c = Socks5Client.connect(socks);
                    assertEquals(0, c.greet(0));
                    assertEquals(0, c.connectAddress(new byte[] {127, 0, 0, 1}, echo.port()));
                    clients.add(c);
                    AtomicLong count = new AtomicLong();
                    echoes.add(count);
                    pumps.add(pump(c, flowing, count));
                }
                assertTrue(flowing.await(30, TimeUnit.SECONDS), "every connection carried data");
                p.signal("INT");
                p.awaitStdout(l -> l.startsWith("LOG INFO SIGINT: no longer accepting"), Duration.ofSeconds(10));
                long[] atSignal = echoes.stream().mapToLong(AtomicLong::get).toArray();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (int i = 0; i < echoes.size(); i++) {
                    while (echoes.get(i).get() <= atSignal[i] + 1) {
                        assertTrue(System.nanoTime() < deadline, "connection " + i + " stopped flowing after the first SIGINT");
                        Thread.sleep(20);
                    }
                }
                assertTrue(p.process().isAlive());
                p.signal("INT");
                assertEquals(Optional.of(0), p.awaitExit(Duration.ofSeconds(10)));
                for (Thread t : pumps) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                    assertTrue(!t.isAlive(), "a connection stayed open after the exit");
                }
            } finally {
                for (Socks5Client c : clients) {
                    c.close();
                }
            }
        }
    }

    /** Writes and reads the echo until the connection ends; counts down once the first echo is back. */
    private static Thread pump(Socks5Client client, CountDownLatch flowing) {
        return pump(client, flowing, new AtomicLong());
    }

    /** {@link #pump(Socks5Client, CountDownLatch)}, counting the echoes in {@code echoes}. */
    private static Thread pump(Socks5Client client, CountDownLatch flowing, AtomicLong echoes) {
        Thread t = new Thread(() -> {
            byte[] block = new byte[16 * 1024];
            try {
                OutputStream out = client.socket().getOutputStream();
                InputStream in = client.socket().getInputStream();
                boolean counted = false;
                while (true) {
                    out.write(block);
                    int read = 0;
                    while (read < block.length) {
                        int n = in.read(block, read, block.length - read);
                        if (n < 0) {
                            return;
                        }
                        read += n;
                    }
                    echoes.incrementAndGet();
                    if (!counted) {
                        flowing.countDown();
                        counted = true;
                    }
                }
            } catch (IOException ended) {
                // the engine closed the connection
            }
        }, "load");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
