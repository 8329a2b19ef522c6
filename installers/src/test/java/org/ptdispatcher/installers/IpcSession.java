package org.ptdispatcher.installers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A PT started as a parent starts one: its stdout read line by line until it says it is done
 * ({@code CMETHODS DONE} or {@code SMETHODS DONE}), then stopped by closing its stdin.
 */
final class IpcSession implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final CompletableFuture<String> stderr;

    private IpcSession(Process process) {
        this.process = process;
        this.stderr = Command.readAll(process.getErrorStream());
        Thread reader = new Thread(this::readStdout, "pt-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static IpcSession start(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            return new IpcSession(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stdout lines up to and including the DONE line; fails if the PT ends or the deadline passes first. */
    List<String> awaitDone() {
        Command.waitUntil("the PT's METHODS DONE line (stdout so far: " + lines() + ")", DEADLINE,
                () -> lines().stream().anyMatch(l -> l.endsWith("METHODS DONE")) || !process.isAlive());
        List<String> lines = lines();
        if (lines.stream().noneMatch(l -> l.endsWith("METHODS DONE"))) {
            throw new AssertionError("the PT ended (exit " + process.exitValue() + ") without METHODS DONE; stdout " + lines
                    + ", stderr " + stderr.join());
        }
        return lines;
    }

    /** Closes stdin (the spec's way to stop a PT that was told to exit on it) and returns the exit code. */
    int closeStdinAndWait() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the PT did not exit within " + DEADLINE.toSeconds() + " s of its stdin closing");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything the PT wrote to stderr; call once it has exited. */
    String stderr() {
        return stderr.join();
    }

    synchronized List<String> lines() {
        return List.copyOf(stdout);
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    stdout.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
