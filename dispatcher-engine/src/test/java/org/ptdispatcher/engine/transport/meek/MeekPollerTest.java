package org.ptdispatcher.engine.transport.meek;

import com.sun.net.httpserver.HttpServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.tls.TlsClientHandlers;
import org.ptdispatcher.engine.tls.TrustAnchors;
import org.ptdispatcher.engine.transport.Connector;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's requests against a real HTTP server on loopback (the JDK's): the first request is an
 * empty poll that makes the stream ready, a write goes in the next body and the answer's bytes come
 * out of the stream, a failing status makes it send the same body again, and ten failures end it.
 */
class MeekPollerTest {
    private EventLoopGroup group;
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> sessionIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile String answer = "";

    @BeforeEach
    void start() throws IOException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/meek/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            bodies.add(body);
            sessionIds.add(exchange.getRequestHeaders().getFirst("X-Session-Id"));
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            byte[] reply = answer.getBytes(StandardCharsets.US_ASCII);
            answer = "";
            exchange.sendResponseHeaders(200, reply.length == 0 ? -1 : reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private Future<Channel> open() throws Exception {
        Connector connector = (loop, address) -> {
            Promise<Channel> connected = loop.newPromise();
            new Bootstrap().group(loop).channel(NioSocketChannel.class).handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                }
            }).connect(address.toSocketAddress()).addListener(f -> {
                if (f.isSuccess()) {
                    connected.setSuccess(((io.netty.channel.ChannelFuture) f).channel());
                } else {
                    connected.setFailure(f.cause());
                }
            });
            return connected;
        };
        MeekClientArgs args = MeekClientArgs.parse(org.ptdispatcher.engine.transport.TransportOptions.of(
                Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/meek/")));
        return MeekPoller.open(group.next(), connector, new FrontRotation(args.targets(), new Random(1)),
                new TlsClientHandlers(TrustAnchors.fromEnvironment(Map.of())), "0123456789abcdef0123456789abcdef");
    }

    /** Waits (with a generous bound) until the server has received {@code body} {@code times} times. */
    private void awaitBodies(String body, long times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bodies.stream().filter(body::equals).count() < times) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not receive \"" + body + "\" " + times + " times: " + bodies);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void theFirstPollMakesTheStreamReadyAndBytesGoBothWays() throws Exception {
        answer = "hello from the server";
        Channel stream = open().get(30, TimeUnit.SECONDS);
        assertEquals("", bodies.get(0), "the first request is an empty poll");
        assertEquals("0123456789abcdef0123456789abcdef", sessionIds.get(0));
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                read.add(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
                ((ByteBuf) msg).release();
            }
        });
        stream.eventLoop().execute(() -> stream.config().setAutoRead(true));
        assertEquals("hello from the server", read.poll(30, TimeUnit.SECONDS), "what came with the first answer waited for the reader");
        // The write is done once a request took its bytes; the request reaches the server right after.
        stream.writeAndFlush(Unpooled.copiedBuffer("hello from the client", StandardCharsets.US_ASCII)).get(30, TimeUnit.SECONDS);
        awaitBodies("hello from the client", 1);
        stream.close().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aFailingStatusSendsTheSameBodyAgain() throws Exception {
        Channel stream = open().get(30, TimeUnit.SECONDS);
        failuresLeft.set(2);
        int before = bodies.size();
        stream.writeAndFlush(Unpooled.copiedBuffer("once", StandardCharsets.US_ASCII)).get(30, TimeUnit.SECONDS);
        awaitBodies("once", 3);
        assertEquals(3, bodies.subList(before, bodies.size()).stream().filter("once"::equals).count(), bodies.toString());
        assertTrue(stream.isOpen());
        stream.close().get(30, TimeUnit.SECONDS);
    }

    @Test
    void tenFailuresEndTheStream() throws Exception {
        failuresLeft.set(MeekPoller.MAX_TRIES);
        Future<Channel> opening = open();
        assertFalse(opening.await(30, TimeUnit.SECONDS) && opening.isSuccess());
        assertTrue(opening.cause().getMessage().contains("500"), opening.cause().getMessage());
        assertEquals(MeekPoller.MAX_TRIES, bodies.size());
    }
}
