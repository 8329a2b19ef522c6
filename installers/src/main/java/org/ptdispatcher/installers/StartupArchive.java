package org.ptdispatcher.installers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * <li>training runs of the image's own engine launcher, with its own options, as a client and as a
 *     server, record the classes a start loads ({@code -XX:DumpLoadedClassList});</li>
 * <li>a static dump ({@code -Xshare:dump}) archives those classes, parsed, verified and laid out
 *     for mapping, together with the JDK's.</li>
 * </ol>
 * A static archive rather than a dynamic one ({@code -XX:ArchiveClassesAtExit}): JDK 17's dynamic
 * archive skips classes compiled for Java 5, which is all of picocli, and the static one also
 * replaces the JDK's base archive, so a start maps one archive instead of two.
 *
 * <p>Both steps run the real launcher binary under another name ({@code ptdispatcher-training}),
 * whose configuration is the engine's plus the dump options: jpackage launchers read
 * {@code $APPDIR/<their name>.cfg}. The copies are removed afterwards.
 */
final class StartupArchive {
    private static final String TRAINING = "ptdispatcher-training";
    private static final long RUN_SECONDS = 60;

    private StartupArchive() {
    }

    static void create(Platform platform, Path image, Path work) throws IOException, InterruptedException {
        Path appDir = platform.appDir(image);
        Path classList = work.resolve("ptdispatcher.classlist");
        Set<String> classes = new LinkedHashSet<>();
        Path state = Files.createDirectories(work.resolve("training-state"));
        for (Map<String, String> start : trainingStarts(state)) {
            Path list = Files.createTempFile(work, "classes", ".lst");
            String stdout = runTraining(platform, image, List.of("-XX:DumpLoadedClassList=" + list), start);
            if (!stdout.contains("DONE")) {
                throw new IllegalStateException("training start of the engine did not finish its IPC session: " + stdout);
            }
            // Dynamic proxies cannot be archived by JDK 17; listing them only earns a warning.
            Files.readAllLines(list).stream().filter(line -> !line.contains("$Proxy")).forEach(classes::add);
            Files.delete(list);
        }
        Files.write(classList, classes);
        Path archive = appDir.resolve(AppImage.ENGINE_ARCHIVE);
        Files.deleteIfExists(archive);
        runTraining(platform, image, List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive), Map.of());
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the CDS dump wrote no " + archive);
        }
        System.out.println("[installers] start-up archive: " + archive + " (" + classes.size() + " classes, " + Files.size(archive) / 1024 + " KiB)");
    }

    /** A client as Tor starts one (environment only), and a server started with flags, as the app does. */
    private static List<Map<String, String>> trainingStarts(Path state) {
        Map<String, String> client = Map.of(
                "TOR_PT_MANAGED_TRANSPORT_VER", "2.2",
                "TOR_PT_CLIENT_TRANSPORTS", "plain",
                "TOR_PT_STATE_LOCATION", state.toString(),
                "TOR_PT_EXIT_ON_STDIN_CLOSE", "1");
        Map<String, String> server = Map.of(
                "TOR_PT_MANAGED_TRANSPORT_VER", "2.2",
                "TOR_PT_SERVER_TRANSPORTS", "plain",
                "TOR_PT_SERVER_BINDADDR", "plain-127.0.0.1:0",
                "TOR_PT_ORPORT", "127.0.0.1:9",
                "TOR_PT_STATE_LOCATION", state.toString(),
                "TOR_PT_EXIT_ON_STDIN_CLOSE", "1");
        return List.of(client, server);
    }

    /**
     * Runs the engine launcher, under the training name, with {@code extraOptions} added to its JVM
     * options and {@code environment}; stdin is closed at once, so the engine exits after its
     * IPC session. Returns its stdout.
     */
    private static String runTraining(Platform platform, Path image, List<String> extraOptions, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path appDir = platform.appDir(image);
        Path launcher = platform.launcher(image, AppImage.ENGINE_LAUNCHER);
        Path trainingLauncher = platform.launcher(image, TRAINING);
        Path config = appDir.resolve(AppImage.ENGINE_LAUNCHER + ".cfg");
        Path trainingConfig = appDir.resolve(TRAINING + ".cfg");
        Files.copy(launcher, trainingLauncher, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(trainingConfig, withJavaOptions(Files.readString(config), extraOptions));
        try {
            ProcessBuilder builder = new ProcessBuilder(trainingLauncher.toString());
            builder.environment().putAll(environment);
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(trainingLauncher + " did not exit within " + RUN_SECONDS + " s");
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(trainingLauncher);
            Files.deleteIfExists(trainingConfig);
        }
    }

    /** A launcher configuration with {@code options} added at the end of its {@code [JavaOptions]}. */
    static String withJavaOptions(String config, List<String> options) {
        List<String> lines = new ArrayList<>(config.lines().toList());
        int section = lines.indexOf("[JavaOptions]");
        if (section < 0) {
            lines.add("[JavaOptions]");
            section = lines.size() - 1;
        }
        int end = section + 1;
        while (end < lines.size() && !lines.get(end).startsWith("[")) {
            end++;
        }
        while (end > section + 1 && lines.get(end - 1).isBlank()) {
            end--;
        }
        List<String> added = options.stream().map(o -> "java-options=" + o).toList();
        lines.addAll(end, added);
        return String.join("\n", lines) + "\n";
    }
}
