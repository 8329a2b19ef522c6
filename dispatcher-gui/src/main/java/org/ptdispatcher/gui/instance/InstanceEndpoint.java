package org.ptdispatcher.gui.instance;

import org.ptdispatcher.gui.profile.ConfigDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>Who is the instance is decided by a lock on {@code instance.lock} beside the socket, not by
 * the socket: two launches at the same moment could each find the other's socket bound but not
 * yet listening, take it for one a crash left, and both open windows. The lock is the
 * operating system's, so it goes with the process that held it, crash or not; its holder alone
 * may replace the socket file.
 */
public final class InstanceEndpoint implements AutoCloseable {
    public static final String FILE_NAME = "instance.sock";
    public static final String LOCK_FILE_NAME = "instance.lock";
    /** A running instance answers at once (it only hands the request to its FX thread). */
    private static final Duration ANSWER_TIME = Duration.ofSeconds(5);
    /** A peer that sends its request slower than this is not a launch of ours. */
    private static final Duration REQUEST_TIME = Duration.ofSeconds(2);
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(100);
    /** How long a launch that lost the lock waits for its holder to listen (it binds right after taking it). */
    private static final Duration HOLDER_LISTENS_WITHIN = Duration.ofSeconds(10);
    private static final Duration FORWARD_RETRY = Duration.ofMillis(50);

    private final Path socketFile;
    private final FileChannel lockFile;
    private final ServerSocketChannel server;
    private final Consumer<List<String>> handler;

    private InstanceEndpoint(Path socketFile, FileChannel lockFile, ServerSocketChannel server, Consumer<List<String>> handler) {
        this.socketFile = socketFile;
        this.lockFile = lockFile;
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
     * {@link #forward} for a launch that {@link #serve} turned down: the instance holds the lock,
     * and may be a moment from listening, so this tries again until it answers. False only when
     * it never does (it hangs, or ended between the lock and the socket).
     */
    public static boolean forwardToTheHolder(Path socketFile, List<String> arguments) {
        long deadline = System.nanoTime() + HOLDER_LISTENS_WITHIN.toNanos();
        while (!forward(socketFile, arguments)) {
            if (System.nanoTime() - deadline >= 0 || !pause(FORWARD_RETRY)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Becomes the instance: takes the lock, listens at {@code socketFile} and gives {@code handler}
     * the arguments of each launch that forwards, on the endpoint's own thread. Empty when another
     * launch holds the lock: it is the instance, or about to be ({@link #forwardToTheHolder}). A
     * socket file left by a crash is replaced.
     *
     * @throws IOException when this system cannot have the socket (a path too long for AF_UNIX,
     *                     a Windows without it) or the lock: the app then runs without one
     */
    public static Optional<InstanceEndpoint> serve(Path socketFile, Consumer<List<String>> handler) throws IOException {
        Path directory = socketFile.toAbsolutePath().getParent();
        ConfigDirectory.createOwnerOnly(directory);
        FileChannel lockFile = FileChannel.open(directory.resolve(LOCK_FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ServerSocketChannel server = null;
        try {
            if (!holdsTheLock(lockFile)) {
                lockFile.close();
                return Optional.empty();
            }
            server = openServer();
            Files.deleteIfExists(socketFile);
            server.bind(UnixDomainSocketAddress.of(socketFile));
            // the directory is already the owner's alone; the file too, for a copy of it moved elsewhere
            ConfigDirectory.restrictToOwner(socketFile, false);
        } catch (IOException | RuntimeException e) {
            closeAll(server, lockFile);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        InstanceEndpoint endpoint = new InstanceEndpoint(socketFile, lockFile, server, handler);
        Thread acceptor = new Thread(endpoint::acceptUntilClosed, "instance-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
        return Optional.of(endpoint);
    }

    /** The lock for as long as the channel is open; false when another process, or this one, has it. */
    private static boolean holdsTheLock(FileChannel lockFile) throws IOException {
        try {
            return lockFile.tryLock() != null;
        } catch (OverlappingFileLockException heldInThisProcess) {
            return false;
        }
    }

    private static void closeAll(Closeable... closeables) {
        for (Closeable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (IOException e) {
                // closing on a failure already reported
            }
        }
    }

    private static ServerSocketChannel openServer() throws IOException {
        try {
            return ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (UnsupportedOperationException e) {
            throw new IOException("no Unix domain sockets here", e);
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
                pause(ACCEPT_RETRY);
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

    /** False when interrupted: the caller is to give up. */
    private static boolean pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops listening, removes the socket file and lets the lock go, so the next launch becomes
     * the instance at once. The lock file stays: removing it would let a launch lock a file that
     * a later one no longer sees.
     */
    @Override
    public void close() throws IOException {
        try {
            server.close();
            Files.deleteIfExists(socketFile);
        } finally {
            lockFile.close();
        }
    }
}
