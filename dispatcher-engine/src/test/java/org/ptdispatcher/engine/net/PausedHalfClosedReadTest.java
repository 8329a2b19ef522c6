package org.ptdispatcher.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the relay does on a connection whose peer has finished sending and waits for the answer
 * (the soak's echo client, any HTTP/1.0 client): the input has ended, and the relay still pauses
 * and resumes reading it as the other side's writes back up and drain. Every byte of the answer
 * must still arrive. Netty 4.2.18's native epoll takes such a connection out of its epoll set when
 * nothing is left to watch (no read, the FIN's EPOLLRDHUP seen) but still believes it is in the
 * set, so resuming fails with {@code epoll_ctl(..) failed with error(-2)} and Netty closes the
 * connection with the answer half sent: the soak's truncated transfers (0.1% of them). The runtime
 * uses NIO, which has no such state.
 */
class PausedHalfClosedReadTest {
    private static final int ANSWER = 256 * 1024;
    private final NetworkRuntime network = NetworkRuntime.start();

    @AfterEach
    void close() {
        network.shutdown();
    }

    @Test
    void aConnectionWhoseInputEndedStillSendsItsWholeAnswerAfterReadingIsPausedAndResumed() throws Exception {
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
                            // The relay's backpressure: pause, and resume once the answer is under way.
                            ctx.channel().config().setAutoRead(false);
                            ctx.executor().execute(() -> {
                                ctx.channel().config().setAutoRead(true);
                                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[ANSWER])).addListener(ChannelFutureListener.CLOSE);
                            });
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
            assertEquals(ANSWER, in.readAllBytes().length, "the whole answer, after the input ended and reading paused and resumed");
        }
    }
}
