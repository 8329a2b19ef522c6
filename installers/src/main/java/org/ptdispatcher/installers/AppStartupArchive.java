package org.ptdispatcher.installers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The desktop app's start-up archive (AppCDS), {@code $APPDIR/}{@value #ARCHIVE}: one training
 * start of the app, as its launcher runs it, until its window has drawn its first frame
 * ({@code -Dptdispatcher.reportFirstFrame=true}), then ended; the JVM writes at exit the classes
 * that start loaded ({@code -XX:ArchiveClassesAtExit}: a dynamic archive over the runtime's own,
 * which the static dump of {@link StartupArchive} would replace). A start then maps, parsed and
 * verified, what it loads from the runtime image beyond the JDK's archive (java.desktop, Jackson,
 * Netty, lambda forms); those are checked by the runtime's size only, so the installed package
 * uses them. The class path's jars (the app's, JavaFX's) are checked by their times, which
 * packaging changes, so their classes still load from the jars. The archive takes about a tenth
 * off the time to the first frame, beside the half that C1 alone ({@link AppImage#APP_JAVA_OPTIONS})
 * takes (bench/gui-startup.sh).
 * The training start needs an X display: {@code DISPLAY}, else a private Xvfb; with neither the
 * image goes without the archive (the app starts as before, only slower) and says so.
 */
final class AppStartupArchive {
    static final String ARCHIVE = "pt-dispatcher-app.jsa";
    /** How long the training start may take to draw its window. */
    private static final long FIRST_FRAME_SECONDS = 120;

    private AppStartupArchive() {
    }

    static void create(Platform platform, Path image, Path work) throws IOException, InterruptedException {
        if (platform != Platform.LINUX) {
            return; // macOS and Windows images would need their own display handling; not tried there
        }
        Path appDir = platform.appDir(image);
        Path config = appDir.resolve(AppImage.APP_NAME + ".cfg");
        Path archive = appDir.resolve(ARCHIVE);
        Optional<Display> display = Display.open(work);
        if (display.isEmpty()) {
            System.out.println("[installers] no X display and no Xvfb: the app image has no start-up archive");
            return;
        }
        try (Display open = display.get()) {
            train(platform, image, config, archive, open.name(), work);
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the app's training start wrote no " + archive);
        }
        AppImage.addJavaOption(config, "-XX:SharedArchiveFile=$APPDIR/" + ARCHIVE);
        System.out.println("[installers] app start-up archive: " + archive + " (" + Files.size(archive) / 1024 + " KiB)");
    }

    private static void train(Platform platform, Path image, Path config, Path archive, String display, Path work)
            throws IOException, InterruptedException {
        Path appDir = platform.appDir(image);
        List<String> command = new ArrayList<>(List.of(platform.runtimeJava(image).toString()));
        command.addAll(AppImage.APP_JAVA_OPTIONS);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dptdispatcher.reportFirstFrame=true",
                "-Dptdispatcher.configDir=" + Files.createDirectories(work.resolve("app-training-config")),
                "-cp", String.join(":", classPath(config, appDir)), "org.ptdispatcher.gui.PtDispatcherApp"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", display);
        Process app = builder.start();
        try (BufferedReader stderr = new BufferedReader(new InputStreamReader(app.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stderr.readLine()) != null && !line.startsWith("FIRST-FRAME ")) {
                // JavaFX's warnings and the like: the first frame is what ends the training
            }
            if (line == null) {
                throw new IllegalStateException("the app's training start ended before its first frame: " + String.join(" ", command));
            }
            // SIGTERM: the JVM exits normally, and writes the archive on the way out. Through the handle,
            // since Process.destroy also closes the pipes, and the JVM's last words must have somewhere to go.
            app.toHandle().destroy();
            stderr.transferTo(java.io.Writer.nullWriter());
        } finally {
            if (!app.waitFor(FIRST_FRAME_SECONDS, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** The launcher's class path, from its configuration ({@code app.classpath=$APPDIR/...}). */
    private static List<String> classPath(Path config, Path appDir) throws IOException {
        return Files.readAllLines(config).stream().filter(l -> l.startsWith("app.classpath="))
                .map(l -> l.substring("app.classpath=".length()).replace("$APPDIR", appDir.toString())).toList();
    }

    /** The X display for the training start: the build's own, or a private Xvfb that closes with this. */
    private record Display(String name, Optional<Process> xvfb) implements AutoCloseable {
        static Optional<Display> open(Path work) throws IOException, InterruptedException {
            String own = System.getenv("DISPLAY");
            if (own != null && !own.isBlank()) {
                return Optional.of(new Display(own, Optional.empty()));
            }
            for (int number = 90; number < 200; number++) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + number)) || Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                    continue;
                }
                Process xvfb;
                try {
                    xvfb = new ProcessBuilder("Xvfb", ":" + number, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                            .redirectOutput(work.resolve("xvfb.log").toFile()).redirectErrorStream(true).start();
                } catch (IOException noXvfb) {
                    return Optional.empty();
                }
                for (int i = 0; i < 100 && xvfb.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + number)); i++) {
                    Thread.sleep(50);
                }
                if (xvfb.isAlive()) {
                    return Optional.of(new Display(":" + number, Optional.of(xvfb)));
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            xvfb.ifPresent(Process::destroy);
        }
    }
}
