package org.ptdispatcher.cli.testing;

import org.ptdispatcher.engine.crypto.Keystream;
import org.ptdispatcher.engine.ipc.IpcLineParser;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A pluggable transport running as a real child process, the way a parent runs it: environment
 * and flags in, IPC lines out on stdout and stderr. Used for our {@code ptdispatcher} (via
 * {@link #ptdispatcher()}) and for peers such as obfs4proxy. Output is read by background
 * threads into queues so tests can wait for a line with a deadline instead of sleeping.
 */
public final class PtProcess implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final List<String> stderrSeen = new ArrayList<>();

    private PtProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout, "stdout", null);
        // The JVM's own note, not the engine's output: the tests look at what the engine wrote.
        pump(process.getErrorStream(), stderr, "stderr", Keystream.JVM_INCUBATOR_NOTE);
    }

    /** The launcher script the build made, from the failsafe system property. */
    public static Path launcher() {
        String path = System.getProperty("ptdispatcher.launcher");
        if (path == null) {
            throw new IllegalStateException("system property ptdispatcher.launcher is not set; run the tests with ./mvnw verify");
        }
        return Path.of(path);
    }

    public static Builder ptdispatcher() {
        return new Builder(List.of(launcher().toString()));
    }

    public static Builder command(String... command) {
        return new Builder(Arrays.asList(command));
    }

    /** How to start one. The environment starts empty but for PATH, HOME and JAVA_HOME: no stray TOR_PT_ variables. */
    public static final class Builder {
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path directory;

        private Builder(List<String> command) {
            this.command.addAll(command);
            for (String keep : List.of("PATH", "HOME", "JAVA_HOME", "LANG")) {
                String value = System.getenv(keep);
                if (value != null) {
                    env.put(keep, value);
                }
            }
        }

        public Builder args(String... args) {
            command.addAll(Arrays.asList(args));
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public PtProcess start() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().clear();
            pb.environment().putAll(env);
            if (directory != null) {
                Files.createDirectories(directory);
                pb.directory(directory.toFile());
            }
            return new PtProcess(pb.start());
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** The next stdout line, or empty if none came within {@code timeout} or stdout ended. */
    public Optional<String> nextStdoutLine(Duration timeout) throws InterruptedException {
        return next(stdout, stdoutSeen, timeout);
    }

    /** Reads stdout until a line matching {@code wanted}; fails the test with what was seen if it does not come. */
    public String awaitStdout(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<String> line = left <= 0 ? Optional.empty() : nextStdoutLine(Duration.ofNanos(left));
            if (line.isEmpty()) {
                throw new AssertionError("no matching stdout line within " + timeout + "; stdout so far: " + stdoutSeen
                        + "; stderr: " + drainStderr());
            }
            if (wanted.test(line.get())) {
                return line.get();
            }
        }
    }

    /** Waits for CMETHODS DONE and returns the address of the CMETHOD line for {@code transport}. */
    public String awaitCmethod(String transport) throws InterruptedException {
        String address = null;
        while (true) {
            String line = awaitStdout(l -> l.startsWith("CMETHOD") || l.startsWith("CMETHODS DONE"), Duration.ofSeconds(30));
            Optional<IpcMessage> msg = IpcLineParser.parse(line);
            if (msg.isPresent() && msg.get() instanceof IpcMessage.Cmethod c && c.transport().equals(transport)) {
                address = c.address();
            }
            if (line.equals("CMETHODS DONE")) {
                if (address == null) {
                    throw new AssertionError("no CMETHOD for " + transport + "; stdout: " + stdoutSeen + "; stderr: " + drainStderr());
                }
                return address;
            }
        }
    }

    /** Waits for SMETHODS DONE and returns the SMETHOD line for {@code transport}. */
    public IpcMessage.Smethod awaitSmethod(String transport) throws InterruptedException {
        IpcMessage.Smethod found = null;
        while (true) {
            String line = awaitStdout(l -> l.startsWith("SMETHOD") || l.startsWith("SMETHODS DONE"), Duration.ofSeconds(30));
            Optional<IpcMessage> msg = IpcLineParser.parse(line);
            if (msg.isPresent() && msg.get() instanceof IpcMessage.Smethod s && s.transport().equals(transport)) {
                found = s;
            }
            if (line.equals("SMETHODS DONE")) {
                if (found == null) {
                    throw new AssertionError("no SMETHOD for " + transport + "; stdout: " + stdoutSeen + "; stderr: " + drainStderr());
                }
                return found;
            }
        }
    }

    public void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    /** Waits for the process to exit; empty if it did not within {@code timeout}. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        return Optional.of(process.exitValue());
    }

    /** Everything written to stdout, once the process has exited (waits for the stream to end). */
    public List<String> allStdout() throws InterruptedException {
        return drain(stdout, stdoutSeen);
    }

    /** Everything written to stderr, once the process has exited. */
    public List<String> allStderr() throws InterruptedException {
        return drain(stderr, stderrSeen);
    }

    private List<String> drainStderr() {
        List<String> lines = new ArrayList<>(stderrSeen);
        stderr.stream().filter(l -> !l.equals(EOF)).forEach(lines::add);
        return lines;
    }

    private static List<String> drain(BlockingQueue<String> queue, List<String> seen) throws InterruptedException {
        while (true) {
            String line = queue.poll(20, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("stream did not end; seen: " + seen);
            }
            if (line.equals(EOF)) {
                queue.add(EOF);
                return new ArrayList<>(seen);
            }
            seen.add(line);
        }
    }

    private static Optional<String> next(BlockingQueue<String> queue, List<String> seen, Duration timeout) throws InterruptedException {
        String line = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            return Optional.empty();
        }
        if (line.equals(EOF)) {
            queue.add(EOF);
            return Optional.empty();
        }
        seen.add(line);
        return Optional.of(line);
    }

    /** Reads lines into {@code queue}; {@code jvmNote}, if it is the first line, is left out. */
    private static void pump(InputStream in, BlockingQueue<String> queue, String name, String jvmNote) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line = reader.readLine();
                if (line != null && line.equals(jvmNote)) {
                    line = reader.readLine();
                }
                for (; line != null; line = reader.readLine()) {
                    queue.add(line);
                }
            } catch (IOException ignored) {
                // the process went away
            } finally {
                queue.add(EOF);
            }
        }, "pt-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Ends the process the way a parent does: close stdin, then SIGTERM, then kill. */
    @Override
    public void close() {
        try {
            if (!process.isAlive()) {
                return;
            }
            process.getOutputStream().close();
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return;
            }
            process.destroy();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
