package org.ptdispatcher.gui.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An XDG autostart entry, {@code ptdispatcher.desktop} in {@code $XDG_CONFIG_HOME/autostart}
 * ({@code ~/.config/autostart} without it): the Desktop Application Autostart Specification,
 * which the Linux and BSD desktops follow. {@code Hidden=true} in it (how a desktop's settings
 * turn an entry off without deleting it) counts as off.
 */
public final class XdgAutostart implements LoginStart {
    static final String FILE_NAME = "ptdispatcher.desktop";
    /** Characters after which the Desktop Entry spec requires an Exec argument to be quoted. */
    private static final String RESERVED = " \t\n\"'\\><~|&;$*?#()`";

    private final Path file;

    /** @param directory the autostart directory (a temporary one in tests) */
    public XdgAutostart(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    /** {@code $XDG_CONFIG_HOME/autostart}, or {@code ~/.config/autostart} when it is unset or not absolute (as the spec says). */
    static Path directory(Map<String, String> environment, String home) {
        String configHome = environment.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = !configHome.isEmpty() && Path.of(configHome).isAbsolute() ? Path.of(configHome) : Path.of(home, ".config");
        return base.resolve("autostart");
    }

    Path file() {
        return file;
    }

    @Override
    public boolean isOn() throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).noneMatch("Hidden=true"::equals);
    }

    @Override
    public void turnOn(List<String> command) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, entry(command), StandardCharsets.UTF_8);
    }

    @Override
    public void turnOff() throws IOException {
        Files.deleteIfExists(file);
    }

    static String entry(List<String> command) {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=PT Dispatcher\n"
                + "Exec=" + exec(command) + "\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    /**
     * The Exec value: each argument quoted if it has a reserved character, with {@code " ` $ \}
     * escaped inside the quotes, {@code %} doubled (it starts a field code), and then every
     * backslash doubled again, as the string escape rule of a desktop file is applied before the quoting.
     */
    static String exec(List<String> command) {
        return command.stream().map(XdgAutostart::quoted).map(a -> a.replace("%", "%%").replace("\\", "\\\\"))
                .collect(Collectors.joining(" "));
    }

    private static String quoted(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> RESERVED.indexOf(c) >= 0)) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : argument.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
