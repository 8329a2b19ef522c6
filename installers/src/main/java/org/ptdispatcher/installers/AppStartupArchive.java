package org.ptdispatcher.installers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The desktop app's start-up archive (a dynamic AppCDS archive), made at build time on Linux and
 * shipped as {@code $APPDIR/}{@value AppImage#APP_ARCHIVE}: one training start of the image's own
 * app launcher, under a private Xvfb and with an empty config directory (the first start a user
 * sees), runs until the app reports its first frame and is then ended as a session ends it
 * (SIGTERM); at its exit the JVM archives every class it loaded beyond the runtime's own archive,
 * parsed, verified and laid out for mapping: JavaFX's controls, skins and CSS, Jackson, the app.
 * Measured with bench/gui-startup.sh on the installed .deb it takes about 28% off the first frame (1921 ms to 1385), for about 5 MiB
 * more in a compressed package.
 *
 * <p>Linux only: JDK 17 takes such an archive only where every class-path entry is named as it
 * was at training, which the Linux launcher script arranges (a class path relative to the app
 * directory, {@link AppImage}); jpackage's native launchers on Windows and macOS give absolute
 * names, which differ between the build and the installed app. Without Xvfb the image is made
 * without the archive, and the app starts as before.
 */
final class AppStartupArchive {
    private static final long FIRST_FRAME_SECONDS = 120;
    private static final long EXIT_SECONDS = 60;
    static final String JAR_TIMES = AppImage.APP_ARCHIVE + ".jar-times";

    private AppStartupArchive() {
    }

    static void create(Platform platform, Path image, Path work) throws IOException, InterruptedException {
        if (platform != Platform.LINUX) {
            System.out.println("[installers] no app start-up archive on " + platform + " (its launcher names the class path absolutely)");
            return;
        }
        if (!onPath("Xvfb")) {
            System.out.println("[installers] no Xvfb: the app image has no start-up archive (apt-get install xvfb)");
            return;
        }
        // JDK 17 leaves out of the archive the classes of jars whose path has a space, as the image's
        // own ("PT Dispatcher") has: the training runs in the image moved to a name without one
        Path trainingImage = work.resolve("app-training-image").toAbsolutePath();
        if (trainingImage.toString().contains(" ")) {
            System.out.println("[installers] the build directory's path has a space: the app image has no start-up archive");
            return;
        }
        Path archive = platform.appDir(image).resolve(AppImage.APP_ARCHIVE);
        Files.deleteIfExists(archive);
        Path home = Files.createDirectories(work.resolve("app-training-home"));
        Files.move(image, trainingImage);
        try (PrivateDisplay display = PrivateDisplay.start()) {
            train(platform, trainingImage, home, display.name());
        } finally {
            Files.move(trainingImage, image);
        }
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the app's training start wrote no " + archive);
        }
        writeJarTimes(platform.appDir(image));
        System.out.println("[installers] app start-up archive: " + archive + " (" + Files.size(archive) / 1024 + " KiB)");
    }

    /**
     * JDK 17 takes the archive only where each class-path jar has the modification time it had at
     * training, to the second; jpackage stages the image anew for the .deb and the .rpm, so they
     * install the jars with the time of that copy. {@value #JAR_TIMES} lists the training's times
     * ({@code <seconds since the epoch> <jar>} a line), and the packages' install scripts give the
     * installed jars those times back.
     */
    private static void writeJarTimes(Path appDir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path jar : RuntimeImage.jarsIn(appDir)) {
            lines.add(Files.getLastModifiedTime(jar).to(TimeUnit.SECONDS) + " " + jar.getFileName());
        }
        Files.write(appDir.resolve(JAR_TIMES), lines);
    }

    private static void train(Platform platform, Path image, Path home, String display) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(platform.launcher(image, AppImage.APP_NAME).toString()).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        // the name relative to the app directory, where the launcher starts java: the image's path has a space
        builder.environment().put("JDK_JAVA_OPTIONS", "-XX:ArchiveClassesAtExit=" + AppImage.APP_ARCHIVE + " -Dptdispatcher.reportFirstFrame=true");
        Process app = builder.start();
        List<String> output = new ArrayList<>();
        CountDownLatch firstFrame = new CountDownLatch(1);
        // read to the end, also after the first frame: the JVM's notes as it dumps must not fill the pipe
        Thread reader = new Thread(() -> readAll(app, output, firstFrame), "app-training-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!firstFrame.await(FIRST_FRAME_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the app's training start drew no first frame within " + FIRST_FRAME_SECONDS + " s: " + linesOf(output));
            }
            app.destroy();
            if (!app.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the app's training start did not exit within " + EXIT_SECONDS + " s of SIGTERM");
            }
            reader.join(TimeUnit.SECONDS.toMillis(EXIT_SECONDS));
            linesOf(output).forEach(line -> System.out.println("[installers] training: " + line));
        } finally {
            app.descendants().forEach(ProcessHandle::destroyForcibly);
            app.destroyForcibly();
        }
    }

    private static void readAll(Process app, List<String> output, CountDownLatch firstFrame) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith("FIRST-FRAME")) {
                    firstFrame.countDown();
                }
            }
        } catch (IOException e) {
            // the app ended: what it printed is in output
        }
    }

    private static List<String> linesOf(List<String> output) {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /** An Xvfb of the training's own: it picks a free display and names it on stdout once it accepts clients. */
    private record PrivateDisplay(Process xvfb, String name) implements AutoCloseable {
        static PrivateDisplay start() throws IOException {
            Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x960x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (number == null) {
                xvfb.destroyForcibly();
                throw new IOException("Xvfb did not start");
            }
            return new PrivateDisplay(xvfb, ":" + number.strip());
        }

        @Override
        public void close() {
            xvfb.destroy();
        }
    }
}
