package org.ptdispatcher.installers;

import org.ptdispatcher.engine.lifecycle.EngineJavaOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The application image (jpackage {@code --type app-image}): the desktop app "PT Dispatcher" as the
 * main launcher, and the console launcher {@value #ENGINE_LAUNCHER} for the engine, over one runtime.
 * Every installer is made from this image.
 */
final class AppImage {
    static final String APP_NAME = "PT Dispatcher";
    static final String ENGINE_LAUNCHER = "ptdispatcher";
    static final String ENGINE_ARCHIVE = "ptdispatcher.jsa";
    /** The desktop app's start-up archive, on Linux ({@link AppStartupArchive}). */
    static final String APP_ARCHIVE = "ptdispatcher-app.jsa";
    /** The directory the app was started in, which its launcher leaves for its own (see {@link #appLauncherScript}). */
    static final String LAUNCH_DIRECTORY_PROPERTY = "ptdispatcher.launchDirectory";
    static final String VENDOR = "PT Dispatcher";
    static final String DESCRIPTION = "Runs pluggable transports (obfs4, shadowsocks, ...) for Tor and other apps";

    /**
     * The engine launcher's JVM options: the engine's own ({@link EngineJavaOptions#always()}, the
     * launcher script's too: stdout is the IPC channel, and more), then this image's: the start-up
     * archive made at build time, the initial module that brings the Vector API (for the SIMD
     * keystreams of obfs4 and shadow) into the boot layer without a module option
     * ({@link EngineLaunchModule}), and the native libraries beside it (Netty's epoll), which
     * spares unpacking them at each start. jpackage expands {@code $APPDIR} to the image's app directory.
     */
    static final List<String> ENGINE_JAVA_OPTIONS = Stream.concat(EngineJavaOptions.always().stream(), Stream.of(
            "-XX:SharedArchiveFile=$APPDIR/" + ENGINE_ARCHIVE,
            EngineLaunchModule.MAIN_MODULE_OPTION,
            "-Djava.library.path=$APPDIR")).toList();

    /**
     * The desktop app launcher's JVM options: the client compiler only. The app's own work is its
     * window (the engine, where throughput counts, is a process of its own with its own options), and
     * C1 alone compiles the start-up's code sooner and with less of a 2-core machine's time. On
     * Linux the launcher script adds the app's start-up archive ({@link AppStartupArchive}).
     */
    static final List<String> APP_JAVA_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /**
     * The engine's class path: nothing (an entry that does not exist). The engine runs from its
     * module in the runtime, started by class name rather than with {@code -m}, because the java
     * launcher keeps scanning the arguments after {@code -m module/class} and takes the program's own
     * {@code -server} and {@code -client} flags for its VM-selection options. Without a class path
     * java would search the parent's working directory.
     */
    static final String ENGINE_CLASS_PATH = "$APPDIR/none";

    private AppImage() {
    }

    /**
     * Copies into {@code target} the app's jars that the engine module does not already hold: the
     * engine's own libraries (Netty, Jackson, ...) are in the runtime, and the app uses them there.
     * A jar counts as the engine's when every class and native library in it is in the engine module.
     */
    static void appJars(Path guiInput, Path engineModule, Path target) throws IOException {
        Files.createDirectories(target);
        Set<String> engineEntries = codeEntries(engineModule);
        for (Path jar : RuntimeImage.jarsIn(guiInput)) {
            Set<String> code = codeEntries(jar);
            if (code.isEmpty() || !engineEntries.containsAll(code)) {
                Files.copy(jar, target.resolve(jar.getFileName()));
            }
        }
    }

    /** The classes and native libraries in a jar. */
    private static Set<String> codeEntries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(n -> (n.endsWith(".class") && !n.endsWith("module-info.class")) || n.startsWith("META-INF/native/"))
                    .collect(Collectors.toSet());
        }
    }

    /** Creates the image under {@code dest} and returns its root. */
    static Path create(Platform platform, Path runtime, Path appJars, String guiMainJar, Path engineModule, String version,
                       Path packaging, Path dest) throws IOException {
        Path launcherProperties = dest.getParent().resolve(ENGINE_LAUNCHER + ".properties");
        Files.createDirectories(dest);
        Files.writeString(launcherProperties, String.join("\n",
                "main-class=" + EngineModule.MAIN_CLASS,
                "java-options=" + String.join(" ", ENGINE_JAVA_OPTIONS),
                // Windows: a console program, so it has the stdin and stdout its parent reads
                "win-console=true",
                ""));
        List<String> args = new ArrayList<>(List.of(
                "--type", "app-image",
                "--name", APP_NAME,
                "--app-version", version,
                "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--runtime-image", runtime.toString(),
                "--input", appJars.toString(),
                "--main-jar", guiMainJar,
                "--main-class", "org.ptdispatcher.gui.PtDispatcherApp",
                "--add-launcher", ENGINE_LAUNCHER + "=" + launcherProperties,
                "--dest", dest.toString()));
        Path icon = icon(platform, packaging);
        if (Files.isRegularFile(icon)) {
            args.addAll(List.of("--icon", icon.toString()));
        }
        Tools.run("jpackage", args);
        Path image = platform.imageRoot(dest, APP_NAME);
        for (String option : APP_JAVA_OPTIONS) {
            addJavaOption(platform.appDir(image).resolve(APP_NAME + ".cfg"), option);
        }
        engineClassPath(platform.appDir(image).resolve(ENGINE_LAUNCHER + ".cfg"));
        withoutDesktopIntegration(platform.appDir(image).resolve(".jpackage.xml"), ENGINE_LAUNCHER);
        copyNativeLibraries(platform, engineModule, platform.appDir(image));
        if (platform == Platform.LINUX) {
            engineLauncherScript(platform, image);
            appLauncherScript(platform, image);
        }
        return image;
    }

    /** The engine's command for an image whose app directory is {@code appDir}, as its launcher runs it, less the java program. */
    static List<String> engineCommand(Path appDir, List<String> extraOptions) {
        List<String> command = new ArrayList<>();
        ENGINE_JAVA_OPTIONS.forEach(o -> command.add(o.replace("$APPDIR", appDir.toString())));
        command.addAll(extraOptions);
        command.addAll(List.of("-cp", ENGINE_CLASS_PATH.replace("$APPDIR", appDir.toString()), EngineModule.MAIN_CLASS));
        return command;
    }

    /**
     * Linux: the engine launcher is a shell script rather than jpackage's native launcher, which in
     * JDK 17 asks rpm and dpkg which package owns it at every start (0.1 to 0.3 s, more than the
     * engine's whole start). Same JVM options, same runtime, same module.
     */
    private static void engineLauncherScript(Platform platform, Path image) throws IOException {
        String options = ENGINE_JAVA_OPTIONS.stream().map(o -> "\"" + o.replace("$APPDIR", "$app") + "\"")
                .collect(Collectors.joining(" "));
        String script = """
                #!/bin/sh
                # ptdispatcher: the PT Dispatcher engine of this installation. Parents (tor, the app) spawn it as a
                # managed pluggable transport. Written by installers/src/main/java/.../AppImage.java: the JVM options
                # are the engine's (dispatcher-engine's java-options.properties: stdout is kept for IPC), plus this
                # image's start-up archive, initial module and native libraries. Extra JVM options: PTDISPATCHER_JAVA_OPTS.
                self=$(readlink -f "$0")
                image=${self%%/bin/*}
                app="$image/lib/app"
                # shellcheck disable=SC2086
                exec "$image/lib/runtime/bin/java" %s $PTDISPATCHER_JAVA_OPTS -cp "%s" %s "$@"
                """.formatted(options, ENGINE_CLASS_PATH.replace("$APPDIR", "$app"), EngineModule.MAIN_CLASS);
        Path launcher = platform.launcher(image, ENGINE_LAUNCHER);
        Files.writeString(launcher, script);
        if (!launcher.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + launcher + " executable");
        }
        Files.delete(platform.appDir(image).resolve(ENGINE_LAUNCHER + ".cfg"));
    }

    /**
     * Linux: the app's launcher is a shell script too, for the same reason as the engine's: the
     * package queries of jpackage's native launcher come before the JVM starts, so they delay the
     * window by as much (about 0.4 s on a 2-core machine with both rpm and dpkg). The script runs
     * what the native launcher ran, read from the .cfg jpackage wrote (which it then replaces): the
     * same class path, main class and JVM options, and {@code jpackage.app-path} naming the launcher
     * (start at login writes it into its autostart entry). The java launcher also reads
     * {@code JDK_JAVA_OPTIONS}, which jpackage's does not.
     *
     * <p>It starts java in the app directory with the class path relative to it: JDK 17 takes a
     * start-up archive ({@value #APP_ARCHIVE}) only where each class-path entry is named as it was
     * when the archive was made, and the build's image is not where the package installs. The
     * directory the user started it in goes to the app as {@value #LAUNCH_DIRECTORY_PROPERTY}, for
     * the file names its command line may hold.
     */
    private static void appLauncherScript(Platform platform, Path image) throws IOException {
        Path config = platform.appDir(image).resolve(APP_NAME + ".cfg");
        List<String> lines = Files.readAllLines(config);
        String classPath = valuesOf(lines, "app.classpath=", config).stream().map(AppImage::relativeToAppDir)
                .collect(Collectors.joining(":"));
        String mainClass = valuesOf(lines, "app.mainclass=", config).get(0);
        String options = valuesOf(lines, "java-options=", config).stream().map(o -> "\"" + o.replace("$APPDIR", "$app") + "\"")
                .collect(Collectors.joining(" "));
        String script = """
                #!/bin/sh
                # %s: the desktop app of this installation. Written by installers/src/main/java/.../AppImage.java
                # from the launcher configuration jpackage made: the same class path, main class and JVM options,
                # and the start-up archive made at build time when there is one. Extra JVM options: JDK_JAVA_OPTIONS.
                self=$(readlink -f "$0")
                image=${self%%/bin/*}
                app="$image/lib/app"
                # The class path is relative to the app directory, as it was when the start-up archive was made.
                launched_in=$PWD
                cd "$app" || exit 1
                archive=
                [ -f %s ] && archive="-XX:SharedArchiveFile=%s"
                # shellcheck disable=SC2086
                exec "$image/lib/runtime/bin/java" %s $archive "-D%s=$launched_in" "-Djpackage.app-path=$self" -cp "%s" %s "$@"
                """.formatted(APP_NAME, APP_ARCHIVE, APP_ARCHIVE, options, LAUNCH_DIRECTORY_PROPERTY, classPath, mainClass);
        Path launcher = platform.launcher(image, APP_NAME);
        Files.writeString(launcher, script);
        if (!launcher.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + launcher + " executable");
        }
        Files.delete(config);
    }

    /** A class-path entry of jpackage's launcher configuration ({@code $APPDIR/x.jar}) as a name relative to the app directory. */
    static String relativeToAppDir(String entry) {
        if (!entry.startsWith("$APPDIR/")) {
            throw new IllegalStateException("a class-path entry outside the app directory: " + entry);
        }
        return entry.substring("$APPDIR/".length());
    }

    /** The values of the lines of a jpackage launcher configuration that start with {@code key}, in order. */
    private static List<String> valuesOf(List<String> lines, String key, Path config) {
        List<String> values = lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length())).toList();
        if (values.isEmpty()) {
            throw new IllegalStateException("no " + key + " in " + config + ": has jpackage changed its launcher configuration?");
        }
        return values;
    }

    static Path icon(Platform platform, Path packaging) {
        return switch (platform) {
            case LINUX -> packaging.resolve("linux").resolve("pt-dispatcher.png");
            case MACOS -> packaging.resolve("macos").resolve("pt-dispatcher.icns");
            case WINDOWS -> packaging.resolve("windows").resolve("pt-dispatcher.ico");
        };
    }

    /**
     * Adds a JVM option to a launcher's configuration, after jpackage: {@code --java-options} would
     * also reach the additional launchers (the engine's) on systems where they keep their .cfg.
     */
    static void addJavaOption(Path launcherConfig, String option) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(launcherConfig));
        int section = lines.indexOf("[JavaOptions]");
        if (section < 0) {
            throw new IllegalStateException("no [JavaOptions] in " + launcherConfig + ": has jpackage changed its launcher configuration?");
        }
        lines.add(section + 1, "java-options=" + option);
        Files.write(launcherConfig, lines);
    }

    /** jpackage gives every launcher the app's class path; the engine's is {@link #ENGINE_CLASS_PATH}. */
    private static void engineClassPath(Path engineConfig) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(engineConfig));
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("app.classpath=")).findFirst().orElseThrow());
        lines.removeIf(line -> line.startsWith("app.classpath="));
        lines.add(first, "app.classpath=" + ENGINE_CLASS_PATH);
        Files.write(engineConfig, lines);
    }

    /**
     * The engine is a console program: no menu entry or shortcut. JDK 17 keeps only the names of
     * additional launchers in the image's {@code .jpackage.xml}, not their shortcut settings, so
     * installers made from the image would give every launcher named there a menu entry; the
     * engine's name is taken out (its files stay in the image).
     */
    private static void withoutDesktopIntegration(Path imageState, String launcher) throws IOException {
        String state = Files.readString(imageState);
        String entry = "<add-launcher>" + launcher + "</add-launcher>";
        if (!state.contains(entry)) {
            throw new IllegalStateException("no " + entry + " in " + imageState + ": has jpackage changed its image state?");
        }
        Files.writeString(imageState, state.replace(entry, ""));
    }

    private static void copyNativeLibraries(Platform platform, Path engineModule, Path appDir) throws IOException {
        for (String entry : EngineModule.nativeLibraries(engineModule).stream().filter(platform::loads).toList()) {
            String file = entry.substring(entry.lastIndexOf('/') + 1);
            EngineModule.extract(engineModule, entry, appDir.resolve(file));
        }
    }
}
