package org.ptdispatcher.gui.profile;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the app keeps its files: profiles, settings, and each profile's state directory. The
 * usual place per system: {@code $XDG_CONFIG_HOME/ptdispatcher} (or {@code ~/.config/ptdispatcher})
 * on Linux, {@code ~/Library/Application Support/PT Dispatcher} on macOS,
 * {@code %APPDATA%\PT Dispatcher} on Windows. The system property {@code ptdispatcher.configDir}
 * overrides it (tests use a temporary directory). Everything is created owner-only.
 */
public final class ConfigDirectory {
    public static final String OVERRIDE_PROPERTY = "ptdispatcher.configDir";

    private ConfigDirectory() {
    }

    /** The directory for this user on this system (not created). */
    public static Path locate() {
        return locate(System.getProperty(OVERRIDE_PROPERTY), System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    static Path locate(String override, String osName, String home, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : Path.of(home, "AppData", "Roaming")).resolve("PT Dispatcher");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "PT Dispatcher");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("ptdispatcher");
    }

    /** Creates {@code dir} (and its parents) if missing, and makes it owner-only. */
    public static Path createOwnerOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrictToOwner(dir, true);
        return dir;
    }

    /**
     * Writes {@code text} (UTF-8) to {@code file}, readable by its owner alone from the moment it
     * exists: it is made empty and private first, then filled.
     */
    public static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        restrictToOwner(file, false);
        Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Makes {@code path} readable (and writable) by its owner alone: POSIX mode 700 for a directory,
     * 600 for a file. On file systems without POSIX modes (Windows), files under the user's profile
     * directory are already private to the user, so the generic flags are all we set.
     */
    public static void restrictToOwner(Path path, boolean directory) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> mode = PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------");
            Files.setPosixFilePermissions(path, mode);
        } else {
            java.io.File file = path.toFile();
            file.setReadable(false, false);
            file.setReadable(true, true);
            file.setWritable(false, false);
            file.setWritable(true, true);
        }
    }
}
