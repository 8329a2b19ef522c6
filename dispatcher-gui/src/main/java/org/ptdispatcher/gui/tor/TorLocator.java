package org.ptdispatcher.gui.tor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Finds the tor program to run: the one the user chose in the settings (for example the tor inside
 * Tor Browser), else {@code tor} on the PATH (on Linux the distribution's package, which the app's
 * .deb and .rpm ask for), else in the places packages put it that a user's PATH may lack (Debian's
 * tor is {@code /usr/sbin/tor}, and {@code /usr/sbin} is on root's PATH only; Homebrew's). The app ships no tor of its own: Maven Central has no tor executable
 * for desktop JVMs that the installers could bundle (see the README).
 */
public final class TorLocator {
    static final List<String> PACKAGE_DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/opt/homebrew/bin");

    private TorLocator() {
    }

    /** For this process: {@code chosen} from the settings (empty: look on the PATH). */
    public static Path locate(String chosen) throws TorSetupException {
        return locate(chosen, System.getenv().getOrDefault("PATH", ""), System.getProperty("os.name", ""), PACKAGE_DIRECTORIES);
    }

    static Path locate(String chosen, String pathVariable, String osName, List<String> packageDirectories) throws TorSetupException {
        if (!chosen.isBlank()) {
            try {
                Path path = Path.of(chosen.trim());
                if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                    return path;
                }
            } catch (InvalidPathException e) {
                // not a path on this system: reported as not found below
            }
            throw new TorSetupException(new TorFailure.TorNotFound(chosen.trim()));
        }
        boolean windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of("tor.exe") : List.of("tor");
        List<String> dirs = new java.util.ArrayList<>(List.of(pathVariable.split(File.pathSeparator)));
        if (!windows) {
            dirs.addAll(packageDirectories);
        }
        for (String dir : dirs) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : names) {
                try {
                    Path candidate = Path.of(dir).resolve(name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate;
                    }
                } catch (InvalidPathException e) {
                    // a PATH entry that is no path here: skip it
                }
            }
        }
        throw new TorSetupException(new TorFailure.TorNotFound(""));
    }
}
