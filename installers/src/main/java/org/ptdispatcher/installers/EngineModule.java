package org.ptdispatcher.installers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Turns the engine's shaded jar (the engine, the CLI, Netty, Jackson, picocli) into one named
 * module, {@value #NAME}, so that jlink can put it into the runtime image.
 *
 * <p>Why a module in the image rather than a jar beside it: JDK 17 checks the absolute path and
 * the modification time of every class-path jar an AppCDS archive covers, and both change between
 * the build and the installed package. Classes in the image's {@code lib/modules} are checked by
 * size alone, relative to the runtime, so the engine's start-up archive made at build time is
 * still valid wherever the package installs it.
 *
 * <p>The module descriptor is generated (jdeps), not written by hand, so a new transport or library
 * needs nothing here: every package is exported (the desktop app uses the engine from the class
 * path), every service in {@code META-INF/services} is provided and used, except services whose
 * type is not in the jar (Netty's optional BlockHound integration).
 */
final class EngineModule {
    static final String NAME = "ptdispatcher";
    static final String MAIN_CLASS = "org.ptdispatcher.cli.PtDispatcherCli";

    /**
     * JDK modules the engine's code refers to that the runtime leaves out. {@code jdk.jfr}: only
     * Netty refers to it, for its allocator's Flight Recorder events, which are off unless JFR is
     * available. Asking whether it is ({@code FlightRecorder.isAvailable()}, which Netty does when
     * its first class initializes) sets up JFR's internals: 15 ms and more of a start, on its
     * critical path. Without the module the question fails at once and the events stay off.
     */
    static final Set<String> LEFT_OUT_OF_RUNTIME = Set.of("jdk.jfr");

    private EngineModule() {
    }

    /** Writes {@code work/modules/ptdispatcher.jar}: the shaded jar plus a module-info.class. */
    static Path make(Path shadedJar, Path work) throws IOException {
        Path generated = work.resolve("module-info-src");
        Path classes = work.resolve("module-info-classes");
        Path modules = work.resolve("modules");
        Files.createDirectories(modules);
        Tools.run("jdeps", List.of("--multi-release", "17", "--ignore-missing-deps", "--generate-module-info", generated.toString(),
                shadedJar.toString()));
        Path source;
        try (Stream<Path> files = Files.walk(generated)) {
            source = files.filter(p -> p.getFileName().toString().equals("module-info.java")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("jdeps wrote no module-info.java under " + generated));
        }
        Set<String> entries = entryNames(shadedJar);
        String descriptor = descriptor(Files.readString(source), entries);
        Path finalSource = work.resolve("module-info").resolve("module-info.java");
        Files.createDirectories(finalSource.getParent());
        Files.writeString(finalSource, descriptor);
        Tools.run("javac", List.of("--patch-module", NAME + "=" + shadedJar, "-d", classes.toString(), finalSource.toString()));
        Path modular = modules.resolve(NAME + ".jar");
        withModuleInfo(shadedJar, classes.resolve("module-info.class"), modular);
        return modular;
    }

    /**
     * The jdeps-generated descriptor with its services fixed: {@code provides} only for service
     * types the jar has (or the JDK's), and {@code uses} for each of them so that ServiceLoader
     * calls inside the module (the transport registry) see the providers. Some modules are
     * required {@code static}:
     * <ul>
     * <li>incubator modules (the Vector API): the engine's launcher resolves them through its own
     *     initial module ({@link EngineLaunchModule}), while the desktop app, on the same runtime,
     *     starts without them. A boot layer that holds an incubator module breaks JDK 17's archived
     *     module graph in the runtime's default class-data archive ("java.base already defined to
     *     this loader");</li>
     * <li>{@link #LEFT_OUT_OF_RUNTIME}.</li>
     * </ul>
     */
    static String descriptor(String generated, Set<String> jarEntries) {
        int open = generated.indexOf('{');
        int close = generated.lastIndexOf('}');
        String header = generated.substring(0, open + 1);
        List<String> statements = new ArrayList<>();
        Set<String> usedServices = new LinkedHashSet<>();
        for (String raw : generated.substring(open + 1, close).split(";")) {
            String statement = raw.strip().replaceAll("\\s+", " ");
            if (statement.isEmpty()) {
                continue;
            }
            if (statement.startsWith("requires ") && requiredStatic(statement.substring(statement.lastIndexOf(' ') + 1))) {
                statement = "requires static " + statement.substring(statement.lastIndexOf(' ') + 1);
            }
            if (statement.startsWith("exports ") && !inBaseEntries(statement.substring("exports ".length()), jarEntries)) {
                continue;
            }
            if (statement.startsWith("provides ")) {
                String service = statement.substring("provides ".length(), statement.indexOf(" with "));
                if (!jarEntries.contains(service.replace('.', '/') + ".class")) {
                    continue;
                }
                usedServices.add(service);
            }
            statements.add(statement);
        }
        usedServices.forEach(service -> statements.add("uses " + service));
        return header + "\n" + statements.stream().map(s -> "    " + s + ";\n").collect(Collectors.joining()) + "}\n";
    }

    private static boolean requiredStatic(String module) {
        return module.startsWith("jdk.incubator.") || LEFT_OUT_OF_RUNTIME.contains(module);
    }

    /**
     * Whether {@code pkg} has classes outside META-INF/versions: a package whose classes only a
     * newer Java sees (Jackson's shaded number parsers) is internal, and javac cannot export it.
     */
    private static boolean inBaseEntries(String pkg, Set<String> jarEntries) {
        String dir = pkg.replace('.', '/') + "/";
        return jarEntries.stream().anyMatch(e -> e.startsWith(dir) && e.indexOf('/', dir.length()) < 0
                && e.endsWith(".class") && !e.endsWith("/package-info.class"));
    }

    private static Set<String> entryNames(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).collect(Collectors.toSet());
        }
    }

    /** Copies {@code jar} to {@code target} with {@code moduleInfo} added at its root. */
    private static void withModuleInfo(Path jar, Path moduleInfo, Path target) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("module-info.class"));
            Files.copy(moduleInfo, out);
            out.closeEntry();
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    /** The engine's bundled native libraries (Netty's epoll on Linux), to ship beside the launcher instead of unpacking them at each start. */
    static List<String> nativeLibraries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("META-INF/native/") && !n.endsWith("/"))
                    .collect(Collectors.toList());
        }
    }

    static void extract(Path jar, String entry, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream data = zip.getInputStream(zip.getEntry(entry))) {
            Files.copy(data, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
