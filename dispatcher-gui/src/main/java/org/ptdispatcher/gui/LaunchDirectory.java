package org.ptdispatcher.gui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory the user started the app in. The installed Linux launcher starts java in the
 * app's own directory (its start-up archive needs the class path named as at build time) and
 * passes the user's as {@value #PROPERTY}; a file name the command line gives relative to it must
 * be read there, not in the app's directory. Elsewhere the property is unset and the JVM's own
 * working directory is the user's.
 */
public final class LaunchDirectory {
    public static final String PROPERTY = "ptdispatcher.launchDirectory";

    private LaunchDirectory() {
    }

    /** {@code name} as the user meant it: relative to the directory they started the app in. */
    public static Path resolve(String name) {
        return resolve(name, Optional.ofNullable(System.getProperty(PROPERTY)).filter(dir -> !dir.isEmpty()));
    }

    static Path resolve(String name, Optional<String> launchDirectory) {
        Path path = Path.of(name);
        return path.isAbsolute() || launchDirectory.isEmpty() ? path : Path.of(launchDirectory.get()).resolve(path);
    }

    /** A program named on the command line: a bare name is looked up on the PATH, a path is a file. */
    public static String program(String name) {
        return name.contains("/") ? resolve(name).toString() : name;
    }
}
