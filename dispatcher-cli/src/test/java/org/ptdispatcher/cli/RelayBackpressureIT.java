package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.PtProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A destination that stops reading must stop the sender: the relays buffer a bounded amount, not
 * everything the sender offers. Then, when the destination reads again, every byte arrives.
 */
class RelayBackpressureIT {
    private static final long OFFERED = 512L * 1024 * 1024;
    /** Kernel socket buffers on four loopback sockets plus our water marks stay far below this. */
    private static final long BOUND = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aStalledReaderStallsTheWriterAndLosesNothing() throws Exception {
        try (ServerSocket sink = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             PtProcess server = PtProcess.ptdispatcher().directory(dir.resolve("s"))
                     .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0", "-target", "127.0.0.1:" + sink.getLocalPort())
                     .start()) {
            String serverAddress = server.awaitSmethod("plain").address();
            try (PtProcess client = PtProcess.ptdispatcher().directory(dir.resolve("c"))
                    .args("-client", "-transport", "plain", "-mode", "transparent-TCP", "-target", serverAddress).start()) {
                String entrance = client.awaitCmethod("plain");
                AtomicLong sent = new AtomicLong();
                MessageDigest sentDigest = HttpTestServer.sha256();
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(PlainEndToEndIT.socketAddress(entrance), 10_000);
                        OutputStream out = s.getOutputStream();
                        HttpTestServer.RandomBytes source = new HttpTestServer.RandomBytes(3);
                        byte[] block = new byte[64 * 1024];
                        while (sent.get() < OFFERED) {
                            source.fill(block, block.length);
                            sentDigest.update(block);
                            out.write(block);
                            sent.addAndGet(block.length);
                        }
                        s.shutdownOutput();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (Socket destination = sink.accept()) {
                    long stalledAt = awaitStall(sent);
                    assertTrue(stalledAt < BOUND, "the writer got " + stalledAt + " bytes out before stalling");

                    MessageDigest received = HttpTestServer.sha256();
                    long total = 0;
                    InputStream in = destination.getInputStream();
                    byte[] buffer = new byte[256 * 1024];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        received.update(buffer, 0, n);
                        total += n;
                    }
                    writing.get(60, TimeUnit.SECONDS);
                    assertEquals(OFFERED, total);
                    assertEquals(HexFormat.of().formatHex(sentDigest.digest()), HexFormat.of().formatHex(received.digest()));
                }
            }
        }
    }

    /**
     * Many stalled readers together could ask for more than the engine's direct memory holds (each
     * channel up to its 1 MiB high-water mark; here 48 tunnels into destinations that take almost
     * nothing, against a 32 MiB bound): the server and client stay up, and when the destinations
     * read, every tunnel's bytes arrive exactly. (At this pace the kernel's buffers between the hops
     * take most of it, so this checks that nothing is lost or ends under pressure; what the
     * pressure handling changed is measured by bench/buffer-pressure.py, docs/architecture.md.)
     *
     * <p>Each writer ends its output only once its destination has read everything: a peer that
     * half-closes makes Netty's epoll transport read all the kernel holds for it at once, whatever
     * the relay's backpressure says (EPOLLRDHUP: it reads until the end of input), and 8 MiB a
     * tunnel fits in the kernel's buffers between the hops, so 48 such drains at once would pass a
     * 32 MiB bound by themselves. That limit is not the relay's and is written down in
     * docs/architecture.md.
     */
    @Test
    void manyStalledReadersStayWithinTheDirectMemoryBoundAndLoseNothing() throws Exception {
        int tunnels = 48;
        int perTunnel = 8 * 1024 * 1024;
        String smallDirectMemory = "-XX:MaxDirectMemorySize=32m";
        try (ServerSocket sink = smallWindowSink(tunnels);
             PtProcess server = PtProcess.ptdispatcher().directory(dir.resolve("s")).env("PTDISPATCHER_JAVA_OPTS", smallDirectMemory)
                     .args("-server", "-transport", "plain", "-bindhost", "127.0.0.1", "-bindport", "0", "-target", "127.0.0.1:" + sink.getLocalPort())
                     .start()) {
            String serverAddress = server.awaitSmethod("plain").address();
            try (PtProcess client = PtProcess.ptdispatcher().directory(dir.resolve("c")).env("PTDISPATCHER_JAVA_OPTS", smallDirectMemory)
                    .args("-client", "-transport", "plain", "-mode", "transparent-TCP", "-target", serverAddress).start()) {
                String entrance = client.awaitCmethod("plain");
                AtomicLong sent = new AtomicLong();
                String[] sentDigests = new String[tunnels];
                CountDownLatch[] delivered = new CountDownLatch[tunnels];
                for (int i = 0; i < tunnels; i++) {
                    delivered[i] = new CountDownLatch(1);
                }
                List<CompletableFuture<Void>> writers = new ArrayList<>();
                ExecutorService writerThreads = Executors.newFixedThreadPool(tunnels);
                for (int i = 0; i < tunnels; i++) {
                    int tunnel = i;
                    writers.add(CompletableFuture.runAsync(() -> {
                        try (Socket s = new Socket()) {
                            s.connect(PlainEndToEndIT.socketAddress(entrance), 10_000);
                            OutputStream out = s.getOutputStream();
                            out.write(tunnel);
                            MessageDigest digest = HttpTestServer.sha256();
                            HttpTestServer.RandomBytes source = new HttpTestServer.RandomBytes(tunnel);
                            byte[] block = new byte[64 * 1024];
                            for (int written = 0; written < perTunnel; written += block.length) {
                                source.fill(block, block.length);
                                digest.update(block);
                                out.write(block);
                                sent.addAndGet(block.length);
                            }
                            sentDigests[tunnel] = HexFormat.of().formatHex(digest.digest());
                            // The end of output only once everything arrived (see the method's comment).
                            if (!delivered[tunnel].await(120, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("tunnel " + tunnel + " was not read");
                            }
                            s.shutdownOutput();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, writerThreads));
                }
                List<Socket> destinations = new ArrayList<>();
                try {
                    // Accepted while both dispatchers are watched: one that ends is the failure, not the wait.
                    sink.setSoTimeout(1000);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (destinations.size() < tunnels && System.nanoTime() < deadline) {
                        assertBothRunning(server, client, "stalled readers ended a dispatcher");
                        try {
                            destinations.add(sink.accept());
                        } catch (SocketTimeoutException notYet) {
                            // look again
                        }
                    }
                    assertEquals(tunnels, destinations.size(), "tunnels that reached the destination");
                    awaitStall(sent);
                    assertBothRunning(server, client, "stalled readers ended a dispatcher");

                    for (Socket destination : destinations) {
                        destination.setSoTimeout(60_000);
                        InputStream in = destination.getInputStream();
                        int tunnel = in.read();
                        MessageDigest received = HttpTestServer.sha256();
                        byte[] buffer = new byte[256 * 1024];
                        long total = 0;
                        int n;
                        while (total < perTunnel && (n = in.read(buffer, 0, (int) Math.min(buffer.length, perTunnel - total))) >= 0) {
                            received.update(buffer, 0, n);
                            total += n;
                        }
                        assertEquals(perTunnel, total, "tunnel " + tunnel);
                        delivered[tunnel].countDown();
                        assertEquals(-1, in.read(), "tunnel " + tunnel + " ends where its writer ended it");
                        writers.get(tunnel).get(60, TimeUnit.SECONDS);
                        assertEquals(sentDigests[tunnel], HexFormat.of().formatHex(received.digest()), "tunnel " + tunnel);
                    }
                } finally {
                    for (Socket destination : destinations) {
                        destination.close();
                    }
                    writerThreads.shutdownNow();
                }
                assertBothRunning(server, client, "a dispatcher ended once the destinations read");
            }
        }
    }

    /**
     * A destination whose connections take almost nothing into the kernel while unread (a 4 KiB
     * receive buffer, which accepted sockets inherit), so that what the server cannot deliver
     * waits in the server, not in the kernel between it and the destination.
     */
    private static ServerSocket smallWindowSink(int backlog) throws IOException {
        ServerSocket sink = new ServerSocket();
        sink.setReceiveBufferSize(4096);
        sink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        return sink;
    }

    private static void assertBothRunning(PtProcess server, PtProcess client, String failure) {
        assertTrue(server.process().isAlive() && client.process().isAlive(),
                () -> failure + ": server " + exitOf(server) + ", client " + exitOf(client));
    }

    /** How a dispatcher ended, with what it said on stderr, or that it is running. */
    private static String exitOf(PtProcess process) {
        if (process.process().isAlive()) {
            return "running";
        }
        try {
            return "exit " + process.process().exitValue() + " " + process.allStderr();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "exit " + process.process().exitValue();
        }
    }

    /** Waits until {@code counter} stops moving for a while; returns its value then. */
    private static long awaitStall(AtomicLong counter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = counter.get();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(1500)) {
                return now;
            }
            if (now >= OFFERED) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the writer never stalled; it kept sending up to " + counter.get() + " bytes");
    }
}
