package org.ptdispatcher.gui.tor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A connection to tor's control port (control-spec): commands answered in order, asynchronous
 * events ({@code 650}) handed to a consumer on the connection's reader thread. Commands block
 * their caller until tor answers, so they are never sent from the FX thread.
 */
public final class TorControlConnection implements AutoCloseable {
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final Socket socket;
    private final OutputStream out;
    private final Deque<CompletableFuture<ControlReply>> pending = new ArrayDeque<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private TorControlConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Connects and starts reading; {@code events} gets each event, in order, on the reader thread. */
    public static TorControlConnection open(InetSocketAddress address, Consumer<ControlReply> events) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, (int) COMMAND_TIMEOUT.toMillis());
        TorControlConnection connection = new TorControlConnection(socket);
        Thread reader = new Thread(() -> connection.read(events), "tor-control-" + address.getPort());
        reader.setDaemon(true);
        reader.start();
        return connection;
    }

    /**
     * The address tor wrote with {@code ControlPortWriteToFile}: a line {@code PORT=127.0.0.1:N}.
     *
     * @throws IOException if the file holds no such line
     */
    public static InetSocketAddress readPortFile(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            if (line.startsWith("PORT=")) {
                String address = line.substring(5).trim();
                int colon = address.lastIndexOf(':');
                if (colon > 0) {
                    try {
                        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
                    } catch (IllegalArgumentException e) {
                        break;
                    }
                }
            }
        }
        throw new IOException("no PORT= line in " + file);
    }

    /**
     * SAFECOOKIE authentication with the cookie tor wrote ({@code CookieAuthentication 1}).
     *
     * @throws ControlProtocolException if tor refuses, or does not prove it knows the cookie
     */
    public void authenticate(Path cookieFile) throws IOException {
        byte[] cookie = Files.readAllBytes(cookieFile);
        if (cookie.length != SafeCookie.COOKIE_LENGTH) {
            throw new ControlProtocolException(cookieFile + " is not a 32-byte tor cookie");
        }
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        SafeCookie safeCookie = new SafeCookie(cookie, nonce);
        ControlReply challenge = ok(safeCookie.challengeCommand());
        ok(safeCookie.authenticateCommand(challenge.firstLine()));
    }

    /** Tor exits when this connection closes (and so when the app dies). */
    public void takeOwnership() throws IOException {
        ok("TAKEOWNERSHIP");
    }

    public void setEvents(String... events) throws IOException {
        ok("SETEVENTS " + String.join(" ", events));
    }

    /** {@code GETINFO key}: its value. */
    public String getInfo(String key) throws IOException {
        ControlReply reply = ok("GETINFO " + key);
        return reply.value(key).orElseThrow(() -> new ControlProtocolException("no " + key + " in " + reply));
    }

    /** {@code SIGNAL SHUTDOWN}: tor closes its listeners and exits (a relay after ShutdownWaitLength). */
    public void shutdown() throws IOException {
        ok("SIGNAL SHUTDOWN");
    }

    /** Sends {@code line} and waits for tor's answer, which must be a 2xx. */
    public ControlReply ok(String line) throws IOException {
        ControlReply reply = send(line);
        if (!reply.isOk()) {
            String shown = line.startsWith("AUTHENTICATE") ? "AUTHENTICATE" : line;
            throw new ControlProtocolException(shown + ": " + reply);
        }
        return reply;
    }

    /** Sends {@code line} and waits for tor's answer. */
    public ControlReply send(String line) throws IOException {
        CompletableFuture<ControlReply> reply = new CompletableFuture<>();
        synchronized (pending) {
            if (closed.isDone()) {
                throw new IOException("tor's control connection is closed");
            }
            pending.addLast(reply);
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        try {
            return reply.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for tor", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("tor did not answer " + line.split(" ")[0] + " within " + COMMAND_TIMEOUT.toSeconds() + " s");
        }
    }

    /** Completes when tor closed the connection or it was closed here. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }

    private void read(Consumer<ControlReply> events) {
        ControlReplyReader replies = new ControlReplyReader();
        IOException failure = new IOException("tor closed its control connection");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                var reply = replies.accept(line);
                if (reply.isEmpty()) {
                    continue;
                }
                if (reply.get().isEvent()) {
                    events.accept(reply.get());
                } else {
                    CompletableFuture<ControlReply> waiting;
                    synchronized (pending) {
                        waiting = pending.pollFirst();
                    }
                    if (waiting != null) {
                        waiting.complete(reply.get());
                    }
                }
            }
        } catch (IOException e) {
            failure = e instanceof ControlProtocolException ? e : failure;
        } finally {
            synchronized (pending) {
                closed.complete(null);
                for (CompletableFuture<ControlReply> waiting : pending) {
                    waiting.completeExceptionally(failure);
                }
                pending.clear();
            }
            close();
        }
    }
}
