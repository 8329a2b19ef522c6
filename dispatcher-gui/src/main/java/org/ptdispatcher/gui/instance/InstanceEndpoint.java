package org.ptdispatcher.gui.instance;

import org.ptdispatcher.gui.profile.ConfigDirectory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One app per user: a Unix domain socket, {@code instance.sock} in the user's config directory
 * (owner-only, so another user's launch never reaches it; the JDK has AF_UNIX on Windows 10 and
 * later too). The running instance {@link #serve}s it; a second launch {@link #forward}s its
 * arguments there and ends. A GUI test's app, with a config directory of its own, has its own.
 */
public final class InstanceEndpoint implements AutoCloseable {
    public static final String FILE_NAME = "instance.sock";
    /** A running instance answers at once (it only hands the request to its FX thread). */
    private static final Duration ANSWER_TIME = Duration.ofSeconds(5);
    /** A peer that sends its request slower than this is not a launch of ours. */
    private static final Duration REQUEST_TIME = Duration.ofSeconds(2);
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(100);

    private final Path socketFile;
    private final ServerSocketChannel server;
    private final Consumer<List<String>> handler;

    private InstanceEndpoint(Path socketFile, ServerSocketChannel server, Consumer<List<String>> handler) {
        this.socketFile = socketFile;
        this.server = server;
        this.handler = handler;
    }

    public static Path socketIn(Path configDirectory) {
        return configDirectory.resolve(FILE_NAME);
    }

    /**
     * Hands {@code arguments} to the instance listening at {@code socketFile}; true once it has
     * acknowledged them. False when nobody listens (or answers): this launch is to be the instance.
     */
    public static boolean forward(Path socketFile, List<String> arguments) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            closeAfter(channel, ANSWER_TIME);
            channel.connect(UnixDomainSocketAddress.of(socketFile));
            channel.write(ByteBuffer.wrap(InstanceRequest.encode(arguments)));
            channel.shutdownOutput();
            byte[] answer = readAtMost(channel, InstanceRequest.ACK.length());
            return Arrays.equals(answer, InstanceRequest.ACK.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException nobody) {
            return false;
        }
    }

    /**
     * Becomes the instance: listens at {@code socketFile} and gives {@code handler} the arguments
     * of each launch that forwards, on the endpoint's own thread. Empty when another instance
     * already listens there. A socket file nobody listens at (left by a crash) is replaced.
     *
     * @throws IOException when this system cannot have the socket (a path too long for AF_UNIX,
     *                     a Windows without it): the app then runs without one
     */
    public static Optional<InstanceEndpoint> serve(Path socketFile, Consumer<List<String>> handler) throws IOException {
        ConfigDirectory.createOwnerOnly(socketFile.toAbsolutePath().getParent());
        ServerSocketChannel server = openServer();
        try {
            if (!tryBind(server, socketFile)) {
                // bind refuses an existing file; only a connect that fails proves the file stale
                if (someoneListens(socketFile)) {
                    server.close();
                    return Optional.empty();
                }
                Files.deleteIfExists(socketFile);
                server.bind(UnixDomainSocketAddress.of(socketFile));
            }
            // the directory is already the owner's alone; the file too, for a copy of it moved elsewhere
            ConfigDirectory.restrictToOwner(socketFile, false);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        InstanceEndpoint endpoint = new InstanceEndpoint(socketFile, server, handler);
        Thread acceptor = new Thread(endpoint::acceptUntilClosed, "instance-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
        return Optional.of(endpoint);
    }

    private static ServerSocketChannel openServer() throws IOException {
        try {
            return ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (UnsupportedOperationException e) {
            throw new IOException("no Unix domain sockets here", e);
        }
    }

    /** A connection alone, which the instance drops as no request: its window stays where it is. */
    private static boolean someoneListens(Path socketFile) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            closeAfter(probe, ANSWER_TIME);
            return probe.connect(UnixDomainSocketAddress.of(socketFile));
        } catch (IOException e) {
            return false;
        }
    }

    /** False when a file is in the way; any other failure is thrown. */
    private static boolean tryBind(ServerSocketChannel server, Path socketFile) throws IOException {
        try {
            server.bind(UnixDomainSocketAddress.of(socketFile));
            return true;
        } catch (IOException e) {
            if (Files.exists(socketFile, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw e;
        }
    }

    private void acceptUntilClosed() {
        while (server.isOpen()) {
            try (SocketChannel peer = server.accept()) {
                answer(peer);
            } catch (ClosedChannelException closed) {
                // the endpoint's close, or a peer's at its time bound (which must not end the endpoint)
            } catch (IOException e) {
                // one peer's failure, or a moment without descriptors: the endpoint carries on
                pause();
            }
        }
    }

    /** One request: read within its bound of size and time, handed on if it is one, acknowledged. */
    private void answer(SocketChannel peer) throws IOException {
        closeAfter(peer, REQUEST_TIME);
        Optional<List<String>> arguments = InstanceRequest.decode(readAtMost(peer, InstanceRequest.MAX_BYTES + 1));
        if (arguments.isEmpty()) {
            return;
        }
        try {
            handler.accept(arguments.get());
        } catch (RuntimeException e) {
            // the app is on its way out (its FX thread gone): no acknowledgement
            return;
        }
        peer.write(ByteBuffer.wrap(InstanceRequest.ACK.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The peer's bytes until it half-closes, or {@code limit} of them, whichever comes first. */
    private static byte[] readAtMost(SocketChannel channel, int limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(limit);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Closing the channel ends a read blocked on it: the bound for a peer that never finishes. */
    private static void closeAfter(SocketChannel channel, Duration time) {
        CompletableFuture.delayedExecutor(time.toMillis(), TimeUnit.MILLISECONDS, Runnable::run).execute(() -> {
            try {
                channel.close();
            } catch (IOException e) {
                // closed already
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening and removes the socket file, so the next launch becomes the instance at once. */
    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socketFile);
    }
}
