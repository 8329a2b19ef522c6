package org.ptdispatcher.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.OutboundBind;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The soak's leak: an event loop handles a batch of readiness events; one of them closes channel A
 * and dials, and the new socket gets A's descriptor number (the kernel hands out the lowest free
 * one). Netty's epoll finds a channel by descriptor number, so A's events still in the batch
 * (here its peer's FIN) reach the socket being connected: its input is shut before it ever
 * connects, so it never reads what its peer sends and ends half-closed (the CLOSE-WAIT and
 * FIN-WAIT-2 sockets, the failed transfers, the NotYetConnectedException warnings of a read on a
 * socket not yet connected). The dialer makes its sockets after the batch.
 */
class DialerFdReuseTest {
    private final NetworkRuntime network = NetworkRuntime.start();
    private final Dialer dialer = new Dialer(network, Optional.empty(), OutboundBind.none(), Duration.ofSeconds(10));
    private final List<Socket> accepted = new ArrayList<>();
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        network.shutdown();
        for (Socket s : accepted) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSocketDialledWhileABatchIsHandledGetsNoneOfTheBatchsEventsForItsDescriptor() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the descriptor-keyed event dispatch is epoll's");
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        HostPort address = new HostPort("127.0.0.1", server.getLocalPort());
        EventLoop loop = network.group().next();
        // The precondition (the new socket gets A's number) needs no lower number free; every
        // attempt's sockets stay open, so holes below fill up and a later attempt meets it.
        for (int attempt = 0; attempt < 40; attempt++) {
            Attempt result = attempt(loop, address);
            if (result.reusedDescriptor) {
                assertFalse(result.dialled.isInputShutdown(), "the new socket took the closed one's FIN for its own");
                assertEquals("ping", echo(result.dialled));
                return;
            }
        }
        throw new AssertionError("no attempt's new socket got the closed socket's descriptor number");
    }

    private record Attempt(boolean reusedDescriptor, DuplexChannel dialled) {
    }

    private Attempt attempt(EventLoop loop, HostPort address) throws Exception {
        Channel trigger = dialer.dial(loop, address).syncUninterruptibly().getNow();
        Socket triggerPeer = accept();
        Channel closing = dialer.dial(loop, address).syncUninterruptibly().getNow();
        Socket closingPeer = accept();
        int closingFd = ((EpollSocketChannel) closing).fd().intValue();

        CompletableFuture<Future<Channel>> dialling = new CompletableFuture<>();
        trigger.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((ByteBuf) msg).release();
                closing.close();
                dialling.complete(dialer.dial(loop, address));
            }
        });
        // Both events ready before the loop next waits, so they come in one batch, trigger's first.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        loop.execute(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        triggerPeer.getOutputStream().write(1);
        closingPeer.shutdownOutput();
        release.countDown();

        Future<Channel> dial = dialling.get(10, TimeUnit.SECONDS);
        Channel dialled = dial.syncUninterruptibly().getNow();
        accept();
        int dialledFd = ((EpollSocketChannel) dialled).fd().intValue();
        return new Attempt(dialledFd == closingFd, (DuplexChannel) dialled);
    }

    /** Sends "ping" to the echoing peer and returns what comes back. */
    private String echo(DuplexChannel channel) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            private final StringBuilder got = new StringBuilder();

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                got.append(buf.toString(StandardCharsets.US_ASCII));
                buf.release();
                if (got.length() >= 4) {
                    reply.complete(got.toString());
                }
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                reply.complete("input shut: " + evt);
            }
        });
        channel.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
        Socket peer = accepted.get(accepted.size() - 1);
        byte[] four = peer.getInputStream().readNBytes(4);
        peer.getOutputStream().write(four);
        return reply.get(10, TimeUnit.SECONDS);
    }

    private Socket accept() throws IOException {
        Socket s = server.accept();
        accepted.add(s);
        return s;
    }
}
