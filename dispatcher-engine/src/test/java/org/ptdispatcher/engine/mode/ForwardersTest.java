package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.extor.ExtOrPortCookie;
import org.ptdispatcher.engine.extor.ExtOrPortException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a server sends a client's plaintext, to real loopback servers. */
class ForwardersTest {
    private final Loopback loopback = new Loopback();
    private final EventLoop loop = loopback.network.group().next();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    /** A real connected channel standing for the transport client whose plaintext is forwarded. */
    private Channel client() throws Exception {
        ServerSocket clientSide = loopback.server();
        Future<Channel> dialed = loopback.dialer.dial(loop, Loopback.address(clientSide));
        assertTrue(dialed.await(Loopback.TIMEOUT_MILLIS));
        loopback.accept(clientSide);
        return dialed.getNow();
    }

    private static Future<Channel> done(Future<Channel> future) throws InterruptedException {
        assertTrue(future.await(Loopback.TIMEOUT_MILLIS), "not done in time");
        return future;
    }

    private static HostPort remote(Channel channel) {
        return HostPort.of((InetSocketAddress) channel.remoteAddress());
    }

    @Test
    void theConfiguredTargetWinsOverTheDestinationTheClientSent() throws Exception {
        ServerSocket target = loopback.server();
        ServerSocket requested = loopback.server();
        Future<Channel> onward = done(new DirectForwarder(loopback.dialer, Optional.of(Loopback.address(target)))
                .open(client(), Optional.of(Loopback.address(requested))));
        assertEquals(Loopback.address(target), remote(onward.getNow()));
        loopback.accept(target);
    }

    @Test
    void withoutATargetTheServerGoesWhereTheClientAsked() throws Exception {
        ServerSocket requested = loopback.server();
        Future<Channel> onward = done(new DirectForwarder(loopback.dialer, Optional.empty())
                .open(client(), Optional.of(Loopback.address(requested))));
        assertEquals(Loopback.address(requested), remote(onward.getNow()));
        loopback.accept(requested);
    }

    @Test
    void withNeitherATargetNorARequestedDestinationTheForwardFails() throws Exception {
        Future<Channel> onward = done(new DirectForwarder(loopback.dialer, Optional.empty()).open(client(), Optional.empty()));
        assertInstanceOf(NoRouteToHostException.class, onward.cause());
        assertEquals("no target to forward to: the server has none and the client named none", onward.cause().getMessage());
    }

    @Test
    void aTargetThatRefusesFailsTheForwardWithTheConnectError() throws Exception {
        Future<Channel> onward = done(new DirectForwarder(loopback.dialer, Optional.of(loopback.refusingPort())).open(client(), Optional.empty()));
        assertInstanceOf(ConnectException.class, onward.cause());
    }

    @Test
    void aCookieFileThatCouldNotBeReadFailsEveryConnectionWithItsReason() throws Exception {
        ServerSocket extOrPort = loopback.server();
        IOException problem = new IOException("cannot read the Extended ORPort cookie file /nowhere: NoSuchFileException");
        ExtOrPortForwarder forwarder = new ExtOrPortForwarder(loopback.dialer, Loopback.address(extOrPort), "obfs4", null, problem);
        Future<Channel> onward = done(forwarder.open(client(), Optional.empty()));
        assertInstanceOf(ExtOrPortException.class, onward.cause());
        assertEquals(problem.getMessage(), onward.cause().getMessage());
    }

    @Test
    void anExtendedOrPortThatRefusesFailsTheForward() throws Exception {
        Path file = Files.createTempFile("extorport", ".cookie");
        try {
            byte[] content = new byte[32 + 32];
            byte[] header = "! Extended ORPort Auth Cookie !\n".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(header, 0, content, 0, header.length);
            Files.write(file, content);
            ExtOrPortForwarder forwarder = new ExtOrPortForwarder(loopback.dialer, loopback.refusingPort(), "obfs4", ExtOrPortCookie.read(file), null);
            Future<Channel> onward = done(forwarder.open(client(), Optional.empty()));
            assertFalse(onward.isSuccess());
            assertInstanceOf(ConnectException.class, onward.cause());
        } finally {
            Files.delete(file);
        }
    }
}
