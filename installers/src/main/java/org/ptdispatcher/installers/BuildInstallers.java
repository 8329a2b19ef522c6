package org.ptdispatcher.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The installers recipe, the same on every OS (run by {@code ./mvnw -Pinstallers package}):
 * <ol>
 * <li>the engine's shaded jar becomes a named module ({@link EngineModule}), and a one-class module
 *     names the engine's boot layer ({@link EngineLaunchModule});</li>
 * <li>jlink makes a runtime of that module and the JDK modules the code needs ({@link RuntimeImage});</li>
 * <li>jpackage makes the application image: the desktop app and the {@code ptdispatcher} console
 *     launcher ({@link AppImage});</li>
 * <li>training starts of the image's engine make its start-up archive ({@link StartupArchive});</li>
 * <li>jpackage makes this OS's installers from the image ({@link Installers}).</li>
 * </ol>
 * Arguments: {@code --engine-jar --gui-input --gui-main-jar --version --packaging --work --out}, and
 * optionally {@code --types}: the installer types to make, comma-separated ({@code deb,rpm}), or
 * {@code none} for the image alone, which is quicker when working on the image; by default all of
 * this OS's.
 */
public final class BuildInstallers {
    private BuildInstallers() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Platform platform = Platform.current();
        Path engineJar = Path.of(options.get("engine-jar"));
        Path guiInput = Path.of(options.get("gui-input"));
        Path packaging = Path.of(options.get("packaging"));
        Path work = Path.of(options.get("work"));
        Path out = Path.of(options.get("out"));
        String version = packageVersion(options.get("version"));
        if (!Files.isRegularFile(engineJar)) {
            throw new IllegalStateException("no engine jar at " + engineJar + ": build dispatcher-cli first");
        }
        deleteTree(work);
        deleteTree(out);
        Files.createDirectories(work);
        Files.createDirectories(out);

        Path engineModule = EngineModule.make(engineJar, work);
        EngineLaunchModule.make(engineModule, work);
        Path appJars = work.resolve("app-jars");
        AppImage.appJars(guiInput, engineModule, appJars);
        Set<String> modules = RuntimeImage.modules(engineModule, appJars, work);
        Path runtime = work.resolve("runtime");
        RuntimeImage.link(engineModule, modules, runtime);
        Path image = AppImage.create(platform, runtime, appJars, options.get("gui-main-jar"), engineModule, version, packaging,
                work.resolve("image"));
        StartupArchive.create(platform, image, work);
        AppStartupArchive.create(platform, image, work);
        for (String type : installerTypes(platform, options.getOrDefault("types", "default"))) {
            Installers.make(platform, type, image, version, packaging, out);
        }
        report(runtime, out);
    }

    static List<String> installerTypes(Platform platform, String types) {
        return switch (types) {
            case "default" -> platform.installerTypes();
            case "none" -> List.of();
            default -> List.of(types.split(","));
        };
    }

    /** jpackage wants a numeric version ({@code 0.1.0}); Maven's may end in a qualifier ({@code 0.1.0-SNAPSHOT}). */
    static String packageVersion(String mavenVersion) {
        java.util.regex.Matcher numeric = java.util.regex.Pattern.compile("^\\d+(\\.\\d+)*").matcher(mavenVersion);
        return numeric.find() ? numeric.group() : "1.0";
    }

    private static void report(Path runtime, Path out) throws IOException {
        String release = Files.readString(runtime.resolve("release"));
        release.lines().filter(l -> l.startsWith("MODULES=")).forEach(l -> System.out.println("[installers] runtime " + l));
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                System.out.printf("[installers] %s: %.1f MiB%n", file, Files.size(file) / 1048576.0);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("engine-jar", "gui-input", "gui-main-jar", "version", "packaging", "work", "out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required);
            }
        }
        return options;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
