package org.ptdispatcher.gui.testing;

import org.junit.jupiter.api.Assumptions;
import org.ptdispatcher.gui.sysproxy.ProcessCommands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A D-Bus session bus of the test's own, with GNOME's settings stored by the real dconf service in
 * a directory of the test's own: gsettings run with {@link #environment()} reads and writes real
 * settings there and never the desktop of whoever runs the tests. Needs dbus-daemon, gsettings,
 * the dconf backend and GNOME's proxy schema; without them the test skips (fails in CI) naming the packages.
 */
public final class PrivateDesktopSession implements AutoCloseable {
    public static final String PACKAGES = "dbus-daemon libglib2.0-bin gsettings-desktop-schemas dconf-gsettings-backend dconf-service";

    private final Process bus;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private PrivateDesktopSession(Path directory) throws IOException {
        Path config = Files.createDirectories(directory.resolve("config"));
        Path runtime = Files.createDirectories(directory.resolve("runtime"));
        Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        environment.put("XDG_CONFIG_HOME", config.toString());
        environment.put("XDG_RUNTIME_DIR", runtime.toString());
        environment.put("GSETTINGS_BACKEND", "dconf");
        ProcessBuilder builder = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1",
                "--address=unix:path=" + directory.resolve("bus"));
        // The dconf service the bus starts inherits the bus's environment: its database goes to our directory too.
        builder.environment().putAll(environment);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        bus = builder.start();
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (address == null) {
            throw new IOException("dbus-daemon ended without printing its address (exit " + bus.onExit().join().exitValue() + ")");
        }
        environment.put("DBUS_SESSION_BUS_ADDRESS", address.strip());
    }

    /** A session in {@code directory}; skips (fails in CI) if this machine lacks the programs. */
    public static PrivateDesktopSession start(Path directory) throws IOException {
        for (String program : List.of("/usr/bin/dbus-daemon", "/usr/bin/gsettings", "/usr/libexec/dconf-service",
                "/usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml")) {
            if (!Files.exists(Path.of(program))) {
                String message = program + " not found: apt-get install " + PACKAGES;
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new AssertionError(message + " (required in CI)");
                }
                Assumptions.abort(message);
            }
        }
        return new PrivateDesktopSession(directory);
    }

    /** The variables gsettings needs to use this session. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** The same, as {@link org.ptdispatcher.gui.sysproxy.SystemProxy#ENVIRONMENT_PROPERTY} takes them. */
    public String asProperty() {
        return environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    /** {@code gsettings get schema key} in this session. */
    public String gsettings(String schema, String key) throws IOException {
        return new ProcessCommands(environment).require(List.of("gsettings", "get", schema, key)).strip();
    }

    /** {@code gsettings set schema key value} in this session, as the user would. */
    public void gsettingsSet(String schema, String key, String value) throws IOException {
        new ProcessCommands(environment).require(List.of("gsettings", "set", schema, key, value));
    }

    @Override
    public void close() {
        // the dconf service it started ends with the bus
        bus.destroy();
        try {
            bus.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
