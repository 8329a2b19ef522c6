package org.ptdispatcher.engine.mode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.relay.PendingInbound;
import org.ptdispatcher.engine.transport.ClientConnection;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client side's dial and transport handshake, to real loopback servers. */
class ClientTunnelTest {
    private final Loopback loopback = new Loopback();
    private final EventLoop loop = loopback.network.group().next();
    /** The handshake promise a test's transport was given, once it is installed. */
    private final CompletableFuture<Promise<Void>> installed = new CompletableFuture<>();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    /** A transport that installs nothing and leaves its handshake to the test. */
    private ClientConnection handshakeByTheTest(ServerSocket server) {
        return ClientConnection.of(Loopback.address(server), (channel, done) -> installed.complete(done));
    }

    private static <T> T await(Future<T> future) throws Exception {
        assertTrue(future.await(Loopback.TIMEOUT_MILLIS), "not done in time");
        if (!future.isSuccess()) {
            throw new ExecutionException(future.cause());
        }
        return future.getNow();
    }

    private static Throwable failure(Future<?> future) throws InterruptedException {
        assertTrue(future.await(Loopback.TIMEOUT_MILLIS), "not done in time");
        assertFalse(future.isSuccess());
        return future.cause();
    }

    private static String read(Socket socket, int n) throws IOException {
        return new String(socket.getInputStream().readNBytes(n), StandardCharsets.US_ASCII);
    }

    @Test
    void theTunnelIsReadyOnlyOnceTheTransportHandshakeIsDoneAndThenCarriesBytes() throws Exception {
        ServerSocket server = loopback.server();
        Future<Channel> ready = ClientTunnel.open(loop, handshakeByTheTest(server), loopback.dialer, channel -> { });
        Socket accepted = loopback.accept(server);
        Promise<Void> handshake = installed.get(Loopback.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertFalse(ready.isDone(), "connected, but the handshake is not done");

        handshake.setSuccess(null);
        Channel tunnel = await(ready);
        tunnel.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
        assertEquals("hello", read(accepted, 5));
    }

    @Test
    void aFailedHandshakeFailsTheTunnelAndClosesItsConnection() throws Exception {
        ServerSocket server = loopback.server();
        Future<Channel> ready = ClientTunnel.open(loop, handshakeByTheTest(server), loopback.dialer, channel -> { });
        Socket accepted = loopback.accept(server);
        IOException why = new IOException("the server's reply did not authenticate");
        installed.get(Loopback.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).setFailure(why);

        assertEquals(why, failure(ready));
        assertEquals(-1, accepted.getInputStream().read(), "the connection to the server is closed");
    }

    @Test
    void aServerThatRefusesFailsTheTunnelWithTheConnectError() throws Exception {
        ClientConnection connection = ClientConnection.of(loopback.refusingPort(), (channel, done) -> done.setSuccess(null));
        Future<Channel> ready = ClientTunnel.open(loop, connection, loopback.dialer, channel -> { });
        assertInstanceOf(ConnectException.class, failure(ready));
    }

    @Test
    void plaintextThatComesBeforeTheHandshakeIsReportedDoneReachesThePlaintextStage() throws Exception {
        ServerSocket server = loopback.server();
        // A transport that passes on what it read first and only then reports its handshake done.
        ClientConnection connection = ClientConnection.of(Loopback.address(server), (channel, done) ->
                channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.fireChannelRead(msg);
                        done.trySuccess(null);
                    }
                }));
        StringBuilder stage = new StringBuilder();
        Future<Channel> ready = ClientTunnel.open(loop, connection, loopback.dialer, channel ->
                channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        stage.append(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
                        ((ByteBuf) msg).release();
                    }
                }));
        Socket accepted = loopback.accept(server);
        accepted.getOutputStream().write("early".getBytes(StandardCharsets.US_ASCII));
        await(ready);
        assertEquals("early", stage.toString());
    }

    @Test
    void anApplicationThatGoesAwayDuringTheHandshakeFailsItsTunnelWhichClosesWhenTheHandshakeEnds() throws Exception {
        ServerSocket appSide = loopback.server();
        Channel app = await(loopback.dialer.dial(loop, Loopback.address(appSide)));
        ServerSocket server = loopback.server();
        Future<Channel> ready = ClientTunnel.open(app, handshakeByTheTest(server), loopback.dialer);
        Socket accepted = loopback.accept(server);
        Promise<Void> handshake = installed.get(Loopback.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        app.close();
        assertInstanceOf(ClosedChannelException.class, failure(ready));
        handshake.setSuccess(null);
        assertEquals(-1, accepted.getInputStream().read(), "nobody wants the tunnel: it is closed");
    }

    @Test
    void anApplicationsTunnelEndsInAPendingInboundThatHoldsWhatArrivesBeforeTheRelayStarts() throws Exception {
        ServerSocket appSide = loopback.server();
        Channel app = await(loopback.dialer.dial(loop, Loopback.address(appSide)));
        ServerSocket server = loopback.server();
        Future<Channel> ready = ClientTunnel.open(app, ClientConnection.of(Loopback.address(server), (channel, done) -> done.setSuccess(null)),
                loopback.dialer);
        loopback.accept(server);
        Channel tunnel = await(ready);
        assertNotNull(tunnel.pipeline().get(PendingInbound.NAME));
    }

    @Test
    void aHandshakeThatThrowsFailsTheTunnel() throws Exception {
        ServerSocket server = loopback.server();
        IllegalStateException broken = new IllegalStateException("broken transport");
        ClientConnection connection = ClientConnection.of(Loopback.address(server), (channel, done) -> {
            throw broken;
        });
        Future<Channel> ready = ClientTunnel.open(loop, connection, loopback.dialer, channel -> { });
        Socket accepted = loopback.accept(server);
        assertEquals(broken, failure(ready));
        assertEquals(-1, accepted.getInputStream().read());
    }
}
