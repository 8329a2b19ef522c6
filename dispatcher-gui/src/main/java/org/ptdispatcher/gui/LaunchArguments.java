package org.ptdispatcher.gui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the app was started with. The desktop starts it with a link when the user opens one the app
 * handles (on Linux its desktop entry declares {@code x-scheme-handler/ss}); the app then opens the
 * import screen with the link filled in, for the user to check and import.
 */
public final class LaunchArguments {
    private static final List<String> IMPORTABLE_SCHEMES = List.of("ss://");

    private LaunchArguments() {
    }

    /** The first argument that is a link the import screen reads, if any. */
    public static Optional<String> linkToImport(List<String> arguments) {
        return arguments.stream()
                .map(String::strip)
                .filter(a -> IMPORTABLE_SCHEMES.stream().anyMatch(s -> a.toLowerCase(Locale.ROOT).startsWith(s)))
                .findFirst();
    }
}
