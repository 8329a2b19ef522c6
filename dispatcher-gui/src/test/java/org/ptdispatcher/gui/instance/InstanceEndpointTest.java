package org.ptdispatcher.gui.instance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-instance socket with real sockets: who becomes the instance, what reaches it, what it drops. */
class InstanceEndpointTest {
    private static final String LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office";

    @TempDir
    Path configDir;

    private final BlockingQueue<List<String>> handed = new LinkedBlockingQueue<>();

    private Path socket() {
        return InstanceEndpoint.socketIn(configDir);
    }

    @Test
    void theFirstBecomesTheInstanceAndTheSecondForwardsToIt() throws Exception {
        assertFalse(InstanceEndpoint.forward(socket(), List.of(LINK)), "nobody listens yet");
        try (InstanceEndpoint first = InstanceEndpoint.serve(socket(), handed::add).orElseThrow()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir)));

            assertTrue(InstanceEndpoint.forward(socket(), List.of(LINK)));
            assertEquals(List.of(LINK), handed.poll(5, TimeUnit.SECONDS));
            assertTrue(InstanceEndpoint.forward(socket(), List.of()));
            assertEquals(List.of(), handed.poll(5, TimeUnit.SECONDS));

            assertEquals(Optional.empty(), InstanceEndpoint.serve(socket(), handed::add), "a second instance");
            assertTrue(Files.exists(socket()), "the second left the first's socket alone");
            assertTrue(InstanceEndpoint.forward(socket(), List.of("again")));
            assertEquals(List.of("again"), handed.poll(5, TimeUnit.SECONDS));
            assertTrue(handed.isEmpty(), "the second's check raised no window: " + handed);
        }
        assertFalse(Files.exists(socket()), "closed, the file is gone");
        assertFalse(InstanceEndpoint.forward(socket(), List.of(LINK)));
    }

    @Test
    void aSocketFileNobodyListensAtIsReplaced() throws Exception {
        // what a crash leaves: the file of a socket that was bound and never removed
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket()));
        }
        assertTrue(Files.exists(socket()));
        assertFalse(InstanceEndpoint.forward(socket(), List.of(LINK)));

        try (InstanceEndpoint instance = InstanceEndpoint.serve(socket(), handed::add).orElseThrow()) {
            assertTrue(InstanceEndpoint.forward(socket(), List.of(LINK)));
            assertEquals(List.of(LINK), handed.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aLaunchThatHoldsTheLockButDoesNotListenYetIsTheInstanceAndIsWaitedFor() throws Exception {
        // the file a crash left, which a launch without the lock must not take for its own
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket()));
        }
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHoldingLaunch.class.getName(), socket().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals("locked", out.readLine());

            assertEquals(Optional.empty(), InstanceEndpoint.serve(socket(), handed::add), "the lock's holder is the instance");
            CompletableFuture<Boolean> forwarded = CompletableFuture.supplyAsync(() -> InstanceEndpoint.forwardToTheHolder(socket(), List.of(LINK)));
            in.write("listen now\n");
            in.flush();

            assertEquals("serving", out.readLine());
            assertEquals("handed [" + LINK + "]", out.readLine());
            assertTrue(forwarded.get(15, TimeUnit.SECONDS), "acknowledged once the holder listened");
            assertTrue(handed.isEmpty(), "this process never served: " + handed);
            in.write("end\n");
            in.flush();
            assertEquals(0, holder.waitFor());
        } finally {
            holder.destroyForcibly();
        }
        assertFalse(Files.exists(socket()), "the holder removed its socket when it ended");
        try (InstanceEndpoint next = InstanceEndpoint.serve(socket(), handed::add).orElseThrow()) {
            assertTrue(InstanceEndpoint.forward(socket(), List.of(LINK)), "the lock went with the holder");
        }
    }

    @Test
    void garbageOversizedAndSilentPeersAreDroppedAndTheInstanceKeepsServing() throws Exception {
        try (InstanceEndpoint instance = InstanceEndpoint.serve(socket(), handed::add).orElseThrow()) {
            assertEquals("", exchange("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8)), "garbage: closed without an answer");
            assertEquals("", exchange(new byte[]{'O', 'P', 'E', 'N', ' ', (byte) 0xFF, '\n'}), "not UTF-8");
            assertEquals("", exchange(("OPEN " + "a".repeat(1 << 20) + "\n").getBytes(StandardCharsets.UTF_8)), "oversized");

            // one that connects and never sends: closed at the request's time bound
            try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                silent.connect(UnixDomainSocketAddress.of(socket()));
                long started = System.nanoTime();
                assertEquals(-1, silent.read(ByteBuffer.allocate(16)));
                assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
            }
            assertNull(handed.poll(100, TimeUnit.MILLISECONDS), "none of them reached the handler");

            assertTrue(InstanceEndpoint.forward(socket(), List.of(LINK)));
            assertEquals(List.of(LINK), handed.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aHandlerThatFailsIsNotAcknowledged() throws Exception {
        try (InstanceEndpoint instance = InstanceEndpoint.serve(socket(), arguments -> {
            throw new IllegalStateException("Toolkit has exited");
        }).orElseThrow()) {
            assertFalse(InstanceEndpoint.forward(socket(), List.of(LINK)));
        }
    }

    /** Sends {@code request}, half-closes, and returns everything the instance answered. */
    private String exchange(byte[] request) throws IOException {
        try (SocketChannel peer = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            peer.connect(UnixDomainSocketAddress.of(socket()));
            try {
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) {
                    peer.write(out);
                }
                peer.shutdownOutput();
            } catch (IOException closedOnUs) {
                // the instance stops reading an oversized request and closes
            }
            ByteBuffer in = ByteBuffer.allocate(64);
            try {
                while (peer.read(in) >= 0) {
                    // until the instance closes
                }
            } catch (IOException reset) {
                // closed with our bytes unread
            }
            return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        }
    }
}
