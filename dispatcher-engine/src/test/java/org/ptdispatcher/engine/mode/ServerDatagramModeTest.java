package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.relay.TransportTraffic;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;
import org.ptdispatcher.engine.transport.plain.PlainTransport;
import org.ptdispatcher.engine.udp.DatagramFraming;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server's transparent-UDP mode in this process, with the plain transport, between a real
 * TCP client on loopback and a real UDP echo target.
 */
class ServerDatagramModeTest {
    private final Loopback loopback = new Loopback();
    private final DatagramSocket target;
    private final Thread echo;
    @TempDir
    Path state;

    ServerDatagramModeTest() throws Exception {
        target = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        echo = new Thread(this::echo, "udp echo");
        echo.setDaemon(true);
        echo.start();
    }

    /** Sends every datagram back to where it came from, prefixed with "echo:". */
    private void echo() {
        byte[] buffer = new byte[2048];
        try {
            while (true) {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                target.receive(in);
                byte[] reply = ("echo:" + new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
                target.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
            }
        } catch (java.io.IOException closed) {
            // the test is over
        }
    }

    @AfterEach
    void close() throws Exception {
        target.close();
        loopback.close();
    }

    private Socket connectThroughTheMode(Duration idleTimeout) throws Exception {
        return connectThroughTheMode(new PlainTransport().server(new TransportContext(Role.SERVER, ProxyMode.TRANSPARENT_UDP, state),
                TransportOptions.empty()), idleTimeout);
    }

    private Socket connectThroughTheMode(TransportServer transport, Duration idleTimeout) throws Exception {
        ServerDatagramMode mode = new ServerDatagramMode(loopback.network, "plain", transport,
                HostPort.of((InetSocketAddress) target.getLocalSocketAddress()), DatagramFraming.LENGTH_PREFIXED, idleTimeout, new TransportTraffic());
        HostPort bound = mode.bind(HostPort.parseBindable("127.0.0.1:0"));
        mode.serve();
        Socket client = new Socket(bound.host(), bound.port());
        client.setSoTimeout(Loopback.TIMEOUT_MILLIS);
        return client;
    }

    private static byte[] framed(String... datagrams) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String d : datagrams) {
            out.writeShort(d.length());
            out.writeBytes(d);
        }
        return bytes.toByteArray();
    }

    private static String readDatagram(DataInputStream in) throws Exception {
        byte[] datagram = new byte[in.readUnsignedShort()];
        in.readFully(datagram);
        return new String(datagram, StandardCharsets.US_ASCII);
    }

    /**
     * A transport that, as Shadowsocks does, passes on the plaintext of its first read before it
     * reports its handshake done: what it passes on comes before the socket to the target is opened.
     */
    private static final class PlaintextBeforeDone implements TransportServer {
        @Override
        public Map<String, String> announcement() {
            return Map.of();
        }

        @Override
        public void install(Channel channel, Promise<Optional<HostPort>> handshakeDone) {
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ctx.fireChannelRead(msg);
                    handshakeDone.trySuccess(Optional.empty());
                }
            });
        }
    }

    @Test
    void datagramsThatComeBeforeTheSocketToTheTargetIsOpenAreHeldThenSent() throws Exception {
        try (Socket client = connectThroughTheMode(new PlaintextBeforeDone(), Duration.ofSeconds(300))) {
            client.getOutputStream().write(framed("one", "two", "three"));
            DataInputStream in = new DataInputStream(client.getInputStream());
            assertEquals(Arrays.asList("echo:one", "echo:two", "echo:three"),
                    Arrays.asList(readDatagram(in), readDatagram(in), readDatagram(in)));
        }
    }

    @Test
    void datagramsReachTheTargetAndItsRepliesComeBack() throws Exception {
        try (Socket client = connectThroughTheMode(Duration.ofSeconds(300))) {
            client.getOutputStream().write(framed("one", "two", "three"));
            DataInputStream in = new DataInputStream(client.getInputStream());
            assertEquals(Arrays.asList("echo:one", "echo:two", "echo:three"),
                    Arrays.asList(readDatagram(in), readDatagram(in), readDatagram(in)));
            client.getOutputStream().write(framed("four"));
            assertEquals("echo:four", readDatagram(in));
        }
    }

    @Test
    void theEndOfTheClientsInputEndsTheConnection() throws Exception {
        try (Socket client = connectThroughTheMode(Duration.ofSeconds(300))) {
            client.getOutputStream().write(framed("one"));
            DataInputStream in = new DataInputStream(client.getInputStream());
            assertEquals("echo:one", readDatagram(in));
            client.shutdownOutput();
            assertEquals(-1, in.read());
        }
    }

    @Test
    void anIdleConnectionIsClosedByTheSweep() throws Exception {
        try (Socket client = connectThroughTheMode(Duration.ofSeconds(1))) {
            client.getOutputStream().write(framed("one"));
            DataInputStream in = new DataInputStream(client.getInputStream());
            assertEquals("echo:one", readDatagram(in));
            int end;
            try {
                end = in.read(); // nothing more comes: the sweep closes the connection within two seconds
            } catch (SocketException reset) {
                end = -1;
            }
            assertEquals(-1, end);
        }
    }
}
