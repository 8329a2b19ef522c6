package org.ptdispatcher.engine.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.net.ListeningSocket;
import org.ptdispatcher.engine.net.NetworkRuntime;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay between real loopback connections made by the engine's {@link NetworkRuntime} (its
 * socket options: half-closure allowed, its write-buffer water marks): an application socket
 * whose accepted channel is {@code app}, and a channel {@code net} connected to a peer socket.
 * The relay's response to a user-defined writability flag (how obfs4's iat pacing pushes back) is
 * checked on {@link EmbeddedChannel}s, where nothing depends on the kernel's buffers.
 */
class RelayTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** How long an event the test waits for may take before the test fails; never a wait in itself. */
    private static final long DEADLINE_SECONDS = 30;

    private static NetworkRuntime network;
    private static ExecutorService threads;

    @BeforeAll
    static void start() {
        network = NetworkRuntime.start();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "relay-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        network.shutdown();
        threads.shutdownNow();
    }

    /** Both ends of one relayed connection: the sockets the test speaks through, and the channels the relay joins. */
    private record Ends(Socket application, Channel app, Channel net, Socket peer) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            application.close();
            peer.close();
            app.close();
            net.close();
        }

        void relay() {
            Relay.start(app, net, new TransportTraffic(), "test relay");
        }
    }

    private static Ends connect() throws Exception {
        return connect(0);
    }

    /**
     * Connects both ends, each channel with a {@link PendingInbound} as the modes set them up; the
     * relay is not started.
     *
     * @param kernelBuffer the size of every socket buffer on the way, or 0 for the kernel's own (which grow to megabytes)
     */
    private static Ends connect(int kernelBuffer) throws Exception {
        try (ServerSocket peers = new ServerSocket()) {
            if (kernelBuffer > 0) {
                peers.setReceiveBufferSize(kernelBuffer);
            }
            peers.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            ListeningSocket listening = network.listen(new InetSocketAddress(LOOPBACK, 0));
            CompletableFuture<Channel> accepted = new CompletableFuture<>();
            Channel listener = network.serve(listening, new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    if (kernelBuffer > 0) {
                        ch.config().setOption(ChannelOption.SO_RCVBUF, kernelBuffer);
                    }
                    PendingInbound.install(ch);
                    accepted.complete(ch);
                }
            });
            Socket application = new Socket();
            if (kernelBuffer > 0) {
                application.setSendBufferSize(kernelBuffer);
            }
            application.connect(listening.localAddress());
            Channel app = accepted.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            listener.close().sync();
            Bootstrap outbound = network.bootstrap(app.eventLoop()).handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    PendingInbound.install(ch);
                }
            });
            if (kernelBuffer > 0) {
                outbound.option(ChannelOption.SO_SNDBUF, kernelBuffer);
            }
            Channel net = outbound.connect(peers.getLocalSocketAddress()).sync().channel();
            Socket peer = peers.accept();
            application.setSoTimeout((int) TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            peer.setSoTimeout((int) TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            return new Ends(application, app, net, peer);
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static <T> Future<T> inBackground(Callable<T> task) {
        return threads.submit(task);
    }

    private static Future<Void> send(Socket socket, byte[] data) {
        return inBackground(() -> {
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < data.length; offset += 65536) {
                out.write(data, offset, Math.min(65536, data.length - offset));
            }
            out.flush();
            return null;
        });
    }

    private static byte[] read(Socket socket, int length) throws IOException {
        byte[] data = new byte[length];
        new DataInputStream(socket.getInputStream()).readFully(data);
        return data;
    }

    /** Everything up to the end of the stream. */
    private static byte[] readToEnd(Socket socket) throws IOException {
        return socket.getInputStream().readAllBytes();
    }

    private static <T> T await(Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** Asks {@code condition} on {@code channel}'s event loop until it holds; fails at the deadline. */
    private static void awaitOnLoop(Channel channel, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!channel.eventLoop().submit(condition::getAsBoolean).get(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE_SECONDS + " s: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void awaitClosed(Channel channel) {
        assertTrue(channel.closeFuture().awaitUninterruptibly(DEADLINE_SECONDS, TimeUnit.SECONDS), channel + " did not close");
    }

    @Test
    void bytesCrossBothWaysAtOnceIntactAndInOrder() throws Exception {
        byte[] up = random(4 << 20, 1);
        byte[] down = random(4 << 20, 2);
        try (Ends ends = connect()) {
            ends.relay();
            Future<Void> sendingUp = send(ends.application(), up);
            Future<Void> sendingDown = send(ends.peer(), down);
            Future<byte[]> receivedDown = inBackground(() -> read(ends.application(), down.length));
            assertArrayEquals(up, read(ends.peer(), up.length));
            assertArrayEquals(down, await(receivedDown));
            await(sendingUp);
            await(sendingDown);
        }
    }

    @Test
    void whatArrivedBeforeTheRelayStartedGoesFirst() throws Exception {
        try (Ends ends = connect()) {
            ends.application().getOutputStream().write("early from the application;".getBytes(StandardCharsets.US_ASCII));
            ends.peer().getOutputStream().write("early from the peer;".getBytes(StandardCharsets.US_ASCII));
            // PendingInbound stops reading once it holds a message: then the bytes are in it, not in the kernel.
            awaitOnLoop(ends.app(), () -> !ends.app().config().isAutoRead(), "the application's early bytes were read");
            awaitOnLoop(ends.net(), () -> !ends.net().config().isAutoRead(), "the peer's early bytes were read");
            ends.application().getOutputStream().write(" later".getBytes(StandardCharsets.US_ASCII));
            ends.peer().getOutputStream().write(" later".getBytes(StandardCharsets.US_ASCII));
            ends.relay();
            assertEquals("early from the application; later", new String(read(ends.peer(), 33), StandardCharsets.US_ASCII));
            assertEquals("early from the peer; later", new String(read(ends.application(), 26), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void anEndOfInputBecomesAnEndOfOutputWhileTheOtherWayGoesOn() throws Exception {
        byte[] request = random(1 << 20, 3);
        byte[] response = random(1 << 20, 4);
        try (Ends ends = connect()) {
            ends.relay();
            ends.application().getOutputStream().write(request);
            ends.application().shutdownOutput();
            assertArrayEquals(request, readToEnd(ends.peer()), "the peer reads everything, then the end");
            assertTrue(ends.app().isOpen() && ends.net().isOpen(), "half a connection is still a connection");
            Future<Void> responding = send(ends.peer(), response);
            assertArrayEquals(response, read(ends.application(), response.length));
            await(responding);
            ends.peer().shutdownOutput();
            assertEquals(-1, ends.application().getInputStream().read(), "the application reads the peer's end");
            awaitClosed(ends.app());
            awaitClosed(ends.net());
        }
    }

    @Test
    void anEndOfInputBeforeTheRelayStartedIsPassedOnWhenItStarts() throws Exception {
        try (Ends ends = connect()) {
            ends.application().shutdownOutput();
            awaitOnLoop(ends.app(), () -> ((DuplexChannel) ends.app()).isInputShutdown(), "the application's end was read");
            ends.relay();
            assertEquals(-1, ends.peer().getInputStream().read(), "the peer reads the application's end");
            ends.peer().getOutputStream().write("still answered".getBytes(StandardCharsets.US_ASCII));
            assertEquals("still answered", new String(read(ends.application(), 14), StandardCharsets.US_ASCII));
        }
    }

    /**
     * A reset is passed on as a reset (issue 15, defect 6): passed on as an end of stream, a
     * download cut short by the server would look complete to the application.
     */
    @Test
    void aPeerThatResetsResetsTheApplicationsSide() throws Exception {
        try (Ends ends = connect()) {
            ends.relay();
            ends.application().getOutputStream().write(1);
            assertEquals(1, ends.peer().getInputStream().read());
            ends.peer().setSoLinger(true, 0);
            ends.peer().close();
            awaitClosed(ends.net());
            awaitClosed(ends.app());
            java.net.SocketException reset = org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketException.class,
                    () -> ends.application().getInputStream().read(), "the application read an end of stream, not a reset");
            assertTrue(reset.getMessage().toLowerCase(java.util.Locale.ROOT).contains("reset"), reset.getMessage());
        }
    }

    @Test
    void anApplicationThatResetsResetsThePeersSide() throws Exception {
        try (Ends ends = connect()) {
            ends.relay();
            ends.peer().getOutputStream().write(1);
            assertEquals(1, ends.application().getInputStream().read());
            ends.application().setSoLinger(true, 0);
            ends.application().close();
            awaitClosed(ends.app());
            awaitClosed(ends.net());
            org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketException.class, () -> ends.peer().getInputStream().read());
        }
    }

    @Test
    void aChannelClosedOnOneSideClosesTheOtherAfterWhatWasWritten() throws Exception {
        byte[] last = random(256 << 10, 5);
        try (Ends ends = connect()) {
            ends.relay();
            ends.peer().getOutputStream().write(last);
            assertArrayEquals(last, read(ends.application(), last.length));
            ends.app().close();
            assertEquals(-1, ends.peer().getInputStream().read(), "the peer's side ends");
            awaitClosed(ends.net());
        }
    }

    @Test
    void aSideThatCannotTakeMoreStopsReadingTheOtherUntilItDrains() throws Exception {
        byte[] data = random(16 << 20, 6);
        // Small kernel buffers, so that what the kernel holds on the way is far less than the data.
        try (Ends ends = connect(64 << 10)) {
            ends.relay();
            Future<Void> sending = send(ends.application(), data);
            // The peer reads nothing: the kernel's buffers fill, then net's outbound buffer passes its
            // high water mark, and the relay stops reading the application.
            awaitOnLoop(ends.app(), () -> !ends.app().config().isAutoRead(), "the relay stopped reading the application");
            long pending = ends.net().eventLoop().submit(() -> {
                assertFalse(ends.net().isWritable(), "reading stopped because net cannot take more");
                ChannelOutboundBuffer buffer = ends.net().unsafe().outboundBuffer();
                return buffer.totalPendingWriteBytes();
            }).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            long bound = ends.net().config().getWriteBufferHighWaterMark() + 256 * 1024; // one more read, at most
            assertTrue(pending <= bound, pending + " bytes wait in net's buffer, more than " + bound);
            assertFalse(sending.isDone(), "the application is held back, not buffered without bound");
            assertArrayEquals(data, read(ends.peer(), data.length), "once the peer reads, everything arrives");
            await(sending);
            awaitOnLoop(ends.app(), () -> ends.app().config().isAutoRead(), "the relay reads the application again");
        }
    }

    @Test
    void aUserDefinedWritabilityFlagStopsAndRestartsReading() {
        EmbeddedChannel app = new EmbeddedChannel();
        EmbeddedChannel net = new EmbeddedChannel();
        Relay.start(app, net, new TransportTraffic(), "test relay");
        app.runPendingTasks();
        net.runPendingTasks();
        assertTrue(app.config().isAutoRead());

        ChannelOutboundBuffer netBuffer = net.unsafe().outboundBuffer();
        netBuffer.setUserDefinedWritability(1, false);
        app.writeInbound(Unpooled.copiedBuffer("held", StandardCharsets.US_ASCII));
        assertFalse(app.config().isAutoRead(), "net says it cannot take more: the relay stops reading the application");
        ByteBuf passed = net.readOutbound();
        assertEquals("held", passed.toString(StandardCharsets.US_ASCII), "what was read still goes on");
        passed.release();

        netBuffer.setUserDefinedWritability(1, true);
        net.runPendingTasks(); // Netty tells the pipeline on the event loop's next turn
        assertTrue(app.config().isAutoRead(), "net can take more again: the relay reads the application again");
        app.finishAndReleaseAll();
        net.finishAndReleaseAll();
    }

    @Test
    void aRelayStartedTowardsASideThatCannotTakeMoreDoesNotReadYet() {
        EmbeddedChannel app = new EmbeddedChannel();
        EmbeddedChannel net = new EmbeddedChannel();
        net.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        Relay.start(app, net, new TransportTraffic(), "test relay");
        app.runPendingTasks();
        net.runPendingTasks();
        assertFalse(app.config().isAutoRead());
        assertTrue(net.config().isAutoRead(), "the other way is not held back");
        app.finishAndReleaseAll();
        net.finishAndReleaseAll();
    }

    @Test
    void theTransportsTrafficCountsBytesEachWayAndTheOpenRelay() {
        EmbeddedChannel app = new EmbeddedChannel();
        EmbeddedChannel net = new EmbeddedChannel();
        TransportTraffic traffic = new TransportTraffic();
        assertFalse(traffic.relayedAny());
        Relay.start(app, net, traffic, "test relay");
        app.runPendingTasks();
        net.runPendingTasks();
        assertTrue(traffic.relayedAny());
        assertEquals(new TransportTraffic.Totals(0, 0, 1), traffic.totals());

        app.writeInbound(Unpooled.copiedBuffer("sent", StandardCharsets.US_ASCII));
        net.writeInbound(Unpooled.copiedBuffer("received", StandardCharsets.US_ASCII));
        net.writeInbound(Unpooled.copiedBuffer("!", StandardCharsets.US_ASCII));
        assertEquals(new TransportTraffic.Totals(9, 4, 1), traffic.totals(), "in: read from the network side; out: written to it");

        app.close();
        app.runPendingTasks();
        net.runPendingTasks();
        assertEquals(new TransportTraffic.Totals(9, 4, 0), traffic.totals(), "the totals stay; the connection is no longer open");
        app.finishAndReleaseAll();
        net.finishAndReleaseAll();
    }

    @Test
    void aRelayBetweenChannelsWithoutHalfCloseClosesBothAtAnEndOfInput() {
        // EmbeddedChannel cannot shut down its output alone, as some transports' channels cannot.
        EmbeddedChannel app = new EmbeddedChannel();
        EmbeddedChannel net = new EmbeddedChannel();
        Relay.start(app, net, new TransportTraffic(), "test relay");
        app.runPendingTasks();
        net.runPendingTasks();
        app.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        app.runPendingTasks();
        net.runPendingTasks();
        assertFalse(net.isOpen());
        app.runPendingTasks();
        assertFalse(app.isOpen());
        app.finishAndReleaseAll();
        net.finishAndReleaseAll();
    }

}
