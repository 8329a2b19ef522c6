package org.ptdispatcher.cli.optimizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A slow server made of a real one: a loopback TCP relay that holds each connection for
 * {@code delay} before it connects to the server behind and relays both ways (half-close passed
 * on), so the client's transport handshake gets its first answer that much later.
 */
final class DelayingRelay implements AutoCloseable {
    private final ServerSocket socket;
    private final int targetPort;
    private final Duration delay;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "delaying-relay");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delaying-relay-timer");
        t.setDaemon(true);
        return t;
    });

    private DelayingRelay(ServerSocket socket, int targetPort, Duration delay) {
        this.socket = socket;
        this.targetPort = targetPort;
        this.delay = delay;
    }

    static DelayingRelay start(int targetPort, Duration delay) throws IOException {
        DelayingRelay relay = new DelayingRelay(new ServerSocket(0, 64, InetAddress.getLoopbackAddress()), targetPort, delay);
        relay.threads.execute(relay::acceptLoop);
        return relay;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                // The delay is the server's character here, not the test's way of waiting for something.
                timer.schedule(() -> threads.execute(() -> relay(client)), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket server = new Socket()) {
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            Future<?> up = threads.submit(() -> copy(client, server));
            copy(server, client);
            up.get();
        } catch (IOException | ExecutionException e) {
            // either side went away: both are closed on the way out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One direction until its end, which is passed on as a half-close; the sockets are closed by {@link #relay}. */
    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        timer.shutdownNow();
        threads.shutdownNow();
    }
}
