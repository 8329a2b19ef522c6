package org.ptdispatcher.cli.obfs4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on loopback for one connection, between a real client and a real server, that
 * records what the client sends before the server's first byte (the client's handshake) and can
 * flip one byte of what the client sends after it. It lets a test replay a genuine handshake or
 * damage a genuine frame without re-implementing the protocol.
 */
final class TamperingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final int corruptAfterHandshake;
    private final ByteArrayOutputStream beforeServerSpoke = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> clientHandshake = new CompletableFuture<>();
    private final CompletableFuture<Long> serverClosedNanos = new CompletableFuture<>();
    private final CompletableFuture<Long> corruptedNanos = new CompletableFuture<>();
    private volatile boolean serverSpoke;
    private Socket client;
    private Socket server;

    private TamperingRelay(ServerSocket listener, int targetPort, int corruptAfterHandshake) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.corruptAfterHandshake = corruptAfterHandshake;
    }

    /**
     * @param corruptAfterHandshake which byte to flip of what the client sends once the server
     *                              has spoken (0 is the first), or -1 for none
     */
    static TamperingRelay start(int targetPort, int corruptAfterHandshake) throws IOException {
        TamperingRelay relay = new TamperingRelay(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), targetPort, corruptAfterHandshake);
        Thread t = new Thread(relay::run, "tampering-relay");
        t.setDaemon(true);
        t.start();
        return relay;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Everything the client sent before the server's first byte. */
    byte[] clientHandshake(long timeoutSeconds) throws Exception {
        return clientHandshake.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** When the server ended the connection (System.nanoTime), waiting up to the timeout. */
    long serverClosedNanos(long timeoutSeconds) throws Exception {
        return serverClosedNanos.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** When the damaged byte was passed on (System.nanoTime). */
    long corruptedNanos(long timeoutSeconds) throws Exception {
        return corruptedNanos.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    private void run() {
        try {
            client = listener.accept();
            server = new Socket();
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            Thread up = new Thread(this::clientToServer, "tampering-relay-up");
            up.setDaemon(true);
            up.start();
            serverToClient();
        } catch (IOException e) {
            serverClosedNanos.complete(System.nanoTime());
        }
    }

    private void clientToServer() {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long afterHandshake = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                boolean corrupted = false;
                if (!serverSpoke) {
                    // The client cannot send anything else before the server's answer has reached it.
                    synchronized (beforeServerSpoke) {
                        beforeServerSpoke.write(buffer, 0, n);
                    }
                } else {
                    if (corruptAfterHandshake >= afterHandshake && corruptAfterHandshake < afterHandshake + n) {
                        buffer[(int) (corruptAfterHandshake - afterHandshake)] ^= 0x40;
                        corrupted = true;
                    }
                    afterHandshake += n;
                }
                out.write(buffer, 0, n);
                out.flush();
                if (corrupted) {
                    corruptedNanos.complete(System.nanoTime());
                }
            }
            server.shutdownOutput();
        } catch (IOException ignored) {
            // one side went away
        }
    }

    private void serverToClient() {
        try {
            InputStream in = server.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!serverSpoke) {
                    serverSpoke = true;
                    synchronized (beforeServerSpoke) {
                        clientHandshake.complete(beforeServerSpoke.toByteArray());
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // reset counts as closed
        }
        serverClosedNanos.complete(System.nanoTime());
        try {
            client.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
