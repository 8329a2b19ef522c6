package org.ptdispatcher.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP echo server on loopback: every byte comes back; end of input ends the echo (half-close aware). */
public final class EchoServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "echo-server");
        t.setDaemon(true);
        return t;
    });

    /** Bytes echoed so far, counted before they are written back: a test that has read them back sees them here. */
    private final AtomicLong echoed = new AtomicLong();

    private EchoServer(ServerSocket socket) {
        this.socket = socket;
    }

    public static EchoServer start() throws IOException {
        return start(InetAddress.getLoopbackAddress());
    }

    /** An echo server on {@code address} (for example {@code ::1}), on a free port. */
    public static EchoServer start(InetAddress address) throws IOException {
        EchoServer server = new EchoServer(new ServerSocket(0, 512, address));
        server.threads.execute(server::acceptLoop);
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many bytes this server has echoed, over all its connections (which of several servers carried a test's bytes). */
    public long echoedBytes() {
        return echoed.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> echo(client, echoed));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket client, AtomicLong echoed) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                echoed.addAndGet(n);
                out.write(buffer, 0, n);
            }
            client.shutdownOutput();
        } catch (IOException ignored) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
