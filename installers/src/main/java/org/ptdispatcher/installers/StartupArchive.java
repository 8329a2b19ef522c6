package org.ptdispatcher.installers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The engine's start-up archive (AppCDS), made at build time and shipped in the image as
 * {@code $APPDIR/ptdispatcher.jsa}:
 * <ol>
 * <li>training starts of the engine, with the image's runtime and the launcher's own JVM options,
 *     as a client and as a server, record the classes a start loads ({@code -XX:DumpLoadedClassList});</li>
 * <li>a static dump ({@code -Xshare:dump}) archives those classes, parsed, verified and laid out
 *     for mapping, together with the JDK's.</li>
 * </ol>
 * A static archive rather than a dynamic one ({@code -XX:ArchiveClassesAtExit}): it replaces the
 * JDK's base archive, so a start maps one archive instead of two, and the JDK 17 dynamic dumper
 * skips classes compiled for old Java versions. Every archived class comes from the runtime
 * image (the engine is a module there), so the archive holds no class-path entry that the
 * install location could invalidate.
 */
final class StartupArchive {
    private static final long RUN_SECONDS = 60;

    private StartupArchive() {
    }

    static void create(Platform platform, Path image, Path work) throws IOException, InterruptedException {
        Path appDir = platform.appDir(image);
        Path classList = work.resolve("ptdispatcher.classlist");
        Set<String> classes = new LinkedHashSet<>();
        Path state = Files.createDirectories(work.resolve("training-state"));
        for (TrainingStart start : trainingStarts(state)) {
            Path list = Files.createTempFile(work, "classes", ".lst");
            String stdout = runEngine(platform, image, List.of("-XX:DumpLoadedClassList=" + list), start);
            if (!stdout.contains("METHODS DONE")) {
                throw new IllegalStateException("training start of the engine did not finish its IPC session: " + stdout);
            }
            // Dynamic proxies cannot be archived by JDK 17; listing them only earns a warning.
            Files.readAllLines(list).stream().filter(line -> !line.contains("$Proxy")).forEach(classes::add);
            Files.delete(list);
        }
        Files.write(classList, classes);
        Path archive = appDir.resolve(AppImage.ENGINE_ARCHIVE);
        Files.deleteIfExists(archive);
        runEngine(platform, image, List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive),
                new TrainingStart(Map.of(), List.of()));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the CDS dump wrote no " + archive);
        }
        System.out.println("[installers] start-up archive: " + archive + " (" + classes.size() + " classes, " + Files.size(archive) / 1024 + " KiB)");
    }

    /** One start of the engine: its environment and command line. */
    private record TrainingStart(Map<String, String> environment, List<String> arguments) {
    }

    /** A client as Tor starts one (environment only), and a server started with flags, as the app starts one. */
    private static List<TrainingStart> trainingStarts(Path state) {
        TrainingStart client = new TrainingStart(Map.of(
                "TOR_PT_MANAGED_TRANSPORT_VER", "2.2",
                "TOR_PT_CLIENT_TRANSPORTS", "plain",
                "TOR_PT_STATE_LOCATION", state.toString(),
                "TOR_PT_EXIT_ON_STDIN_CLOSE", "1"), List.of());
        TrainingStart server = new TrainingStart(Map.of(), List.of("-server", "-transport", "plain", "-bindhost", "127.0.0.1",
                "-bindport", "0", "-target", "127.0.0.1:9", "-state", state.toString(), "-exit-on-stdin-close"));
        return List.of(client, server);
    }

    /**
     * Runs the engine as its launcher does (the image's java, the launcher's options), with
     * {@code extraOptions}; stdin is closed at once, so the engine exits after its IPC session.
     * Returns its stdout.
     */
    private static String runEngine(Platform platform, Path image, List<String> extraOptions, TrainingStart start)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(platform.runtimeJava(image).toString());
        command.addAll(AppImage.engineCommand(platform.appDir(image), extraOptions));
        command.addAll(start.arguments());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(start.environment());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not exit within " + RUN_SECONDS + " s");
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
