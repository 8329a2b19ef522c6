package org.ptdispatcher.gui.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The app as a child process, on the built class path (target/classes and target/classpath.txt),
 * as a user or a script runs it: its headless command ({@code PtDispatcherApp --connect ...}), a
 * launch that hands over to a running window, or (with the display) a window of its own. Its
 * stdout and stderr lines are collected as they come.
 */
public final class HeadlessApp implements AutoCloseable {
    /** The headless command's line once tor is ready: {@code Ready: SOCKS5 <socks>, HTTP <http>} (groups 1 and 2). */
    public static final java.util.regex.Pattern READY = java.util.regex.Pattern.compile(
            "^Ready: SOCKS5 (127\\.0\\.0\\.1:\\d+), HTTP (127\\.0\\.0\\.1:\\d+)$");

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private HeadlessApp(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out);
        this.errReader = collect(process.getErrorStream(), err);
    }

    /** The java command that starts the app with {@code arguments}, its files in {@code configDir}. */
    public static List<String> command(Path configDir, List<String> arguments) throws IOException {
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        String classPath = module.resolve("target/classes") + ":" + Files.readString(module.resolve("target/classpath.txt")).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=en", "-Dptdispatcher.configDir=" + configDir, "-cp", classPath, "org.ptdispatcher.gui.PtDispatcherApp"));
        command.addAll(arguments);
        return command;
    }

    /** Starts {@code command} without DISPLAY: had it tried a window of its own, it would fail. */
    public static HeadlessApp start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DISPLAY");
        return new HeadlessApp(builder.start());
    }

    /** The app with a window: the test's display (the failsafe JVM's Xvfb) and {@code environment} added. */
    public static HeadlessApp startWindowed(List<String> command, java.util.Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new HeadlessApp(builder.start());
    }

    public Process process() {
        return process;
    }

    /** Waits for a stdout line that {@code matches}; fails with everything it printed if none comes. */
    public String awaitOut(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = out.stream().filter(matches).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive() && !outReader.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such line within " + timeout.toSeconds() + " s; " + transcript());
    }

    /** Waits for the exit; fails with the transcript if it does not come. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout.toSeconds() + " s; " + transcript());
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    public List<String> out() {
        return List.copyOf(out);
    }

    public List<String> err() {
        return List.copyOf(err);
    }

    public String transcript() {
        return "stdout:\n  " + String.join("\n  ", out) + "\nstderr:\n  " + String.join("\n  ", err);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the stream ends with the process
            }
        }, "headless-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
