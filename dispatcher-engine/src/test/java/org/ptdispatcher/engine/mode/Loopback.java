package org.ptdispatcher.engine.mode;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.OutboundBind;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NetworkRuntime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The engine's network runtime and real loopback servers, for the mode tests; closes them all. */
final class Loopback implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 10_000;

    final NetworkRuntime network = NetworkRuntime.start();
    final Dialer dialer = new Dialer(network, Optional.empty(), OutboundBind.none(), Duration.ofSeconds(5));
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A TCP server on loopback that accepts when asked. */
    ServerSocket server() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(TIMEOUT_MILLIS);
        opened.add(server);
        return server;
    }

    Socket accept(ServerSocket server) throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        opened.add(socket);
        return socket;
    }

    /** A loopback port where nothing listens (bound once, then closed). */
    HostPort refusingPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return address(s);
        }
    }

    static HostPort address(ServerSocket server) {
        return HostPort.of(new java.net.InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        network.shutdown();
    }
}
