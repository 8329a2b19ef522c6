package org.ptdispatcher.gui.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The destination of the "try it on this computer" pair: a loopback echo service inside the app,
 * so the demo server has something real to forward to and the whole path carries bytes. It only
 * ever listens on 127.0.0.1 and echoes what it is sent.
 */
public final class DemoEchoService implements AutoCloseable {
    private final ServerSocket server;

    private DemoEchoService(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::acceptLoop, "demo-echo");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    public static DemoEchoService start(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new DemoEchoService(server);
    }

    public int port() {
        return server.getLocalPort();
    }

    public boolean isRunning() {
        return !server.isClosed();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread echo = new Thread(() -> echo(socket), "demo-echo-connection");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
