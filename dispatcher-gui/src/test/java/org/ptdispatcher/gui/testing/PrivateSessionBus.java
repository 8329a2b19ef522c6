package org.ptdispatcher.gui.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A D-Bus session bus of the test's own (a real dbus-daemon on a socket in the test's directory),
 * with GLib's own client, gdbus, to read and call what the app puts on it as a desktop would.
 * Without dbus-daemon and gdbus the test skips (fails in CI) naming the packages.
 */
public final class PrivateSessionBus implements AutoCloseable {
    public static final String PACKAGES = "dbus-daemon libglib2.0-bin";

    private final Process daemon;
    private final String address;
    private final List<Process> monitors = new ArrayList<>();

    private PrivateSessionBus(Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1",
                "--address=unix:path=" + directory.resolve("bus"));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        daemon = builder.start();
        String line = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IOException("dbus-daemon ended without printing its address (exit " + daemon.onExit().join().exitValue() + ")");
        }
        address = line.strip();
    }

    public static PrivateSessionBus start(Path directory) throws IOException {
        for (String program : List.of("/usr/bin/dbus-daemon", "/usr/bin/gdbus")) {
            if (!Files.isExecutable(Path.of(program))) {
                String message = program + " not found: apt-get install " + PACKAGES;
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new AssertionError(message + " (required in CI)");
                }
                Assumptions.abort(message);
            }
        }
        return new PrivateSessionBus(directory);
    }

    /** The bus's address, as DBUS_SESSION_BUS_ADDRESS would hold it. */
    public String address() {
        return address;
    }

    /** {@code gdbus call} on this bus; its output (GVariant text), or an AssertionError with gdbus's words. */
    public String call(String destination, String objectPath, String method, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gdbus", "call", "--session", "--dest", destination,
                "--object-path", objectPath, "--method", method, "--"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
        Process gdbus = builder.start();
        String output = new String(gdbus.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!gdbus.waitFor(20, TimeUnit.SECONDS) || gdbus.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** {@code gdbus monitor} of {@code destination}: every signal it sends, one line each, as they come. */
    public List<String> monitor(String destination) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("gdbus", "monitor", "--session", "--dest", destination).redirectErrorStream(true);
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
        Process gdbus = builder.start();
        monitors.add(gdbus);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(gdbus.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // ends with the monitor
            }
        }, "gdbus-monitor");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Override
    public void close() {
        for (Process monitor : monitors) {
            monitor.destroy();
        }
        daemon.destroy();
        try {
            daemon.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
