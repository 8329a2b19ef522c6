package org.ptdispatcher.installers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The runtime both launchers share: jlink with the engine module and only the JDK modules the
 * code needs. jdeps finds what the app's jars and the engine reference; a few modules are added
 * by name because nothing references them statically, yet they are needed at run time.
 */
final class RuntimeImage {
    /**
     * Modules found by no static reference:
     * <ul>
     * <li>{@code jdk.crypto.ec}: the SunEC provider (X25519, ECDH, EC keys) for transports that ask
     *     the JCA for them by name;</li>
     * <li>{@code jdk.naming.dns}: Netty's DNS resolver asks JNDI's DNS provider for the system's name
     *     servers where it cannot read resolv.conf (Windows, macOS); without it Netty falls back to
     *     public resolvers, which a censorship-circumvention tool must not query behind the user's back;</li>
     * <li>{@code jdk.localedata}: number and date formats for the app's Persian, Russian and Chinese
     *     (cut down to those locales by {@code --include-locales}).</li>
     * </ul>
     */
    static final List<String> RUN_TIME_ONLY_MODULES = List.of("jdk.crypto.ec", "jdk.naming.dns", "jdk.localedata");
    static final String LOCALES = "en,fa,ru,zh";

    private RuntimeImage() {
    }

    /**
     * The JDK modules the jars reference (jdeps), less those left out on purpose, plus the engine's
     * two modules. The app's jars are read as the app's launcher loads them, from the class path:
     * {@code work} gets copies without their module descriptors. Read as modules, a jar whose
     * descriptor requires a library that only the engine module holds (jackson-databind requires
     * {@code com.fasterxml.jackson.core}, which the engine shades) would stop jdeps, although at run
     * time the class path reads that library from the engine module, which exports every package.
     */
    static Set<String> modules(Path engineModule, Path appJars, Path work) throws IOException {
        List<Path> classPath = withoutModuleDescriptors(jarsIn(appJars), work.resolve("jdeps-class-path"));
        List<String> args = new ArrayList<>(List.of("--multi-release", "17", "--ignore-missing-deps", "--print-module-deps",
                "--module-path", engineModule.getParent().toString(), "--class-path", classPath.stream().map(Path::toString)
                        .collect(Collectors.joining(java.io.File.pathSeparator))));
        classPath.forEach(jar -> args.add(jar.toString()));
        args.add(engineModule.toString());
        String printed = Tools.run("jdeps", args).lines()
                .filter(line -> !line.startsWith("Warning:") && !line.isBlank())
                .reduce((first, last) -> last).orElse("");
        Set<String> modules = new TreeSet<>(Arrays.asList(printed.strip().split(",")));
        modules.removeAll(EngineModule.LEFT_OUT_OF_RUNTIME);
        modules.add(EngineModule.NAME);
        modules.add(EngineLaunchModule.NAME);
        modules.addAll(RUN_TIME_ONLY_MODULES);
        return modules;
    }

    /** Links the runtime into {@code target} (which must not exist). */
    static void link(Path engineModule, Set<String> modules, Path target) {
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        Tools.run("jlink", List.of(
                "--module-path", engineModule.getParent() + java.io.File.pathSeparator + jmods,
                "--add-modules", String.join(",", modules),
                "--include-locales", LOCALES,
                "--strip-debug", "--no-header-files", "--no-man-pages",
                // the JDK's own class-data archive for this image, used by the desktop app
                "--generate-cds-archive",
                "--output", target.toString()));
    }

    /** Copies of {@code jars} in {@code dir}, each without module-info.class (at its root or for any release). */
    static List<Path> withoutModuleDescriptors(List<Path> jars, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> copies = new ArrayList<>();
        for (Path jar : jars) {
            Path copy = dir.resolve(jar.getFileName());
            try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
                for (ZipEntry entry : Collections.list(in.entries())) {
                    if (entry.getName().endsWith("module-info.class")) {
                        continue;
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            copies.add(copy);
        }
        return copies;
    }

    static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }
}
