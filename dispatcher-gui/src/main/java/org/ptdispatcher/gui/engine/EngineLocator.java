package org.ptdispatcher.gui.engine;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the ptdispatcher to run when the user has not chosen another program:
 * <ol>
 * <li>the system property {@code ptdispatcher.jar} (tests), run with the running JVM;</li>
 * <li>an installed app: the {@code ptdispatcher} launcher beside the app's own launcher, which
 *     jpackage names in the system property {@code jpackage.app-path} (the installers put both
 *     launchers in one directory on every OS: {@code bin}, {@code Contents/MacOS}, the install
 *     directory on Windows);</li>
 * <li>a development checkout: {@code dispatcher-cli/target/ptdispatcher.jar} above the app's
 *     classes, run with the running JVM.</li>
 * </ol>
 * The app's {@link EngineFinder}.
 */
public final class EngineLocator implements EngineFinder {
    public static final String JAR_PROPERTY = "ptdispatcher.jar";
    /** Set by jpackage launchers to the launcher's own path. */
    static final String APP_LAUNCHER_PROPERTY = "jpackage.app-path";
    private static final List<String> LAUNCHER_NAMES = List.of("ptdispatcher", "ptdispatcher.exe");

    @Override
    public Optional<EngineProgram> resolve(String chosen) {
        if (!chosen.isBlank()) {
            Path path = Path.of(chosen.trim());
            String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
            return Optional.of(new EngineProgram(List.of(path.toString()), file.startsWith("ptdispatcher")));
        }
        return builtIn();
    }

    @Override
    public Optional<EngineProgram> builtIn() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            return Optional.of(withRunningJvm(Path.of(jar)));
        }
        String appLauncher = System.getProperty(APP_LAUNCHER_PROPERTY);
        if (appLauncher != null) {
            return besideAppLauncher(Path.of(appLauncher));
        }
        return appLocation().flatMap(EngineLocator::inCheckout);
    }

    /** The engine launcher in the directory of the app's launcher {@code appLauncher}. */
    static Optional<EngineProgram> besideAppLauncher(Path appLauncher) {
        Path dir = appLauncher.toAbsolutePath().getParent();
        for (String name : LAUNCHER_NAMES) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new EngineProgram(List.of(candidate.toString()), true));
            }
        }
        return Optional.empty();
    }

    static Optional<EngineProgram> inCheckout(Path appLocation) {
        for (Path dir = appLocation; dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("dispatcher-cli").resolve("target").resolve("ptdispatcher.jar");
            if (Files.isRegularFile(jar)) {
                return Optional.of(withRunningJvm(jar));
            }
        }
        return Optional.empty();
    }

    /** The jar with the JVM this app runs on, with the launcher script's JVM options. */
    static EngineProgram withRunningJvm(Path jar) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new EngineProgram(org.ptdispatcher.engine.lifecycle.EngineJavaOptions.jarCommand(java.toString(), jar.toAbsolutePath().toString()), true);
    }

    private static Optional<Path> appLocation() {
        try {
            CodeSource source = EngineLocator.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
