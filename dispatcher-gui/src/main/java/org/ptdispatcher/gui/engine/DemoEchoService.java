package org.ptdispatcher.gui.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The app's {@link DemoEcho}: a loopback echo service inside the app, so the demo server has
 * something real to forward to and the whole path carries bytes. It only ever listens on
 * 127.0.0.1 and echoes what it is sent.
 */
public final class DemoEchoService implements DemoEcho {
    private ServerSocket server;

    @Override
    public int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    @Override
    public synchronized void listenOn(int port) throws IOException {
        if (server != null && !server.isClosed() && server.getLocalPort() == port) {
            return;
        }
        close();
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = listening;
        Thread acceptor = new Thread(() -> acceptLoop(listening), "demo-echo");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing a loopback listener
            }
            server = null;
        }
    }

    private static void acceptLoop(ServerSocket server) {
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
}
