package org.ptdispatcher.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A connection whose peer has finished sending and waits for the answer (an HTTP/1.0 client, the
 * soak's echo client) still gets every byte of it, however the answer flows. On Netty 4.2.18's
 * native epoll both cases failed: such a connection left the epoll set once it had nothing to
 * watch and Netty closed it on its next change of interest (see {@link EpollKeepsIdleChannels}).
 */
class PausedHalfClosedReadTest {
    private static final int CHUNK = 256 * 1024;
    private final NetworkRuntime network = NetworkRuntime.start();

    @AfterEach
    void close() {
        network.shutdown();
    }

    @Test
    void aConnectionWhoseInputEndedGetsItsWholeAnswerAfterReadingIsPausedAndResumed() throws Exception {
        int received = answerAfterInputEnds((ctx, answer) -> {
            // The relay's backpressure: pause reading, and resume once the answer is under way.
            ctx.channel().config().setAutoRead(false);
            ctx.executor().execute(() -> {
                ctx.channel().config().setAutoRead(true);
                ctx.writeAndFlush(answer.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            });
        });
        assertEquals(CHUNK, received, "the whole answer, after the input ended and reading paused and resumed");
    }

    @Test
    void aConnectionWhoseInputEndedGetsItsWholeAnswerWrittenChunkByChunkAsEachDrains() throws Exception {
        int chunks = 16;
        int received = answerAfterInputEnds((ctx, answer) -> {
            // The relay's way: the next piece is written when the last one has gone. A small send
            // buffer makes every piece wait for the socket, and then stop waiting.
            ctx.channel().config().setOption(ChannelOption.SO_SNDBUF, 16 * 1024);
            writeChunks(ctx, answer, chunks);
        });
        assertEquals(chunks * CHUNK, received, "the whole answer, written one drained chunk after another");
    }

    private static void writeChunks(ChannelHandlerContext ctx, ByteBuf answer, int left) {
        if (left == 0) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(answer.retainedDuplicate()).addListener(written -> {
            if (written.isSuccess()) {
                // Later, as the relay's next read from the other side comes: not inside this flush.
                ctx.executor().execute(() -> writeChunks(ctx, answer, left - 1));
            }
        });
    }

    /**
     * Serves one connection that answers with {@code respond} once its input has ended, sends it
     * 1 KiB and a FIN, and returns how many bytes came back before the server closed.
     */
    private int answerAfterInputEnds(BiConsumer<ChannelHandlerContext, ByteBuf> respond) throws Exception {
        ByteBuf answer = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[CHUNK]));
        ListeningSocket socket = network.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        network.serve(socket, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ((ByteBuf) msg).release();
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof ChannelInputShutdownEvent) {
                            respond.accept(ctx, answer);
                        }
                    }
                });
            }
        });
        try (Socket peer = new Socket(socket.localAddress().getAddress(), socket.localAddress().getPort())) {
            peer.setSoTimeout(10_000);
            peer.getOutputStream().write(new byte[1024]);
            peer.shutdownOutput();
            InputStream in = peer.getInputStream();
            return in.readAllBytes().length;
        }
    }
}
