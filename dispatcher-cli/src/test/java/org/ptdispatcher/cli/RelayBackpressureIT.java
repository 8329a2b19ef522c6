package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.HttpTestServer;
import org.ptdispatcher.cli.testing.PtProcess;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
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
