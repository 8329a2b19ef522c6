package org.ptdispatcher.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application image (jpackage {@code --type app-image}): the desktop app "PT Dispatcher" as the
 * main launcher, and the console launcher {@value #ENGINE_LAUNCHER} for the engine, over one runtime.
 * Every installer is made from this image.
 */
final class AppImage {
    static final String APP_NAME = "PT Dispatcher";
    static final String ENGINE_LAUNCHER = "ptdispatcher";
    static final String ENGINE_ARCHIVE = "ptdispatcher.jsa";
    static final String VENDOR = "PT Dispatcher";
    static final String DESCRIPTION = "Runs pluggable transports (obfs4, shadowsocks, ...) for Tor and other apps";

    /**
     * The engine launcher's JVM options: the same as the launcher script's
     * (dispatcher-cli/src/main/launcher/ptdispatcher), because stdout is the IPC channel:
     * JVM messages go to stderr, warnings only; no /tmp/hsperfdata (the spec lets a PT write only
     * in its state directory). Then this image's own: the start-up archive made at build time,
     * and the native libraries beside it (Netty's epoll), which spares unpacking them at each start.
     * jpackage expands {@code $APPDIR} to the image's app directory.
     */
    static final List<String> ENGINE_JAVA_OPTIONS = List.of(
            "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:-UsePerfData",
            "-XX:+UseSerialGC", "-Xshare:auto", "-XX:SharedArchiveFile=$APPDIR/" + ENGINE_ARCHIVE,
            "-Djava.library.path=$APPDIR");

    private AppImage() {
    }

    /** Creates the image under {@code dest} and returns its root. */
    static Path create(Platform platform, Path runtime, Path guiInput, String guiMainJar, Path engineModule, String version,
                       Path packaging, Path dest) throws IOException {
        Path launcherProperties = dest.getParent().resolve(ENGINE_LAUNCHER + ".properties");
        Files.createDirectories(dest);
        Files.writeString(launcherProperties, String.join("\n",
                "module=" + EngineModule.NAME + "/" + EngineModule.MAIN_CLASS,
                "java-options=" + String.join(" ", ENGINE_JAVA_OPTIONS),
                // Windows: a console program, so it has the stdin and stdout its parent reads
                "win-console=true",
                "linux-shortcut=false",
                "") );
        List<String> args = new ArrayList<>(List.of(
                "--type", "app-image",
                "--name", APP_NAME,
                "--app-version", version,
                "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--runtime-image", runtime.toString(),
                "--input", guiInput.toString(),
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
        engineWithoutClassPath(platform.appDir(image).resolve(ENGINE_LAUNCHER + ".cfg"));
        copyNativeLibraries(engineModule, platform.appDir(image));
        return image;
    }

    static Path icon(Platform platform, Path packaging) {
        return switch (platform) {
            case LINUX -> packaging.resolve("linux").resolve("pt-dispatcher.png");
            case MACOS -> packaging.resolve("macos").resolve("pt-dispatcher.icns");
            case WINDOWS -> packaging.resolve("windows").resolve("pt-dispatcher.ico");
        };
    }

    /**
     * jpackage gives every launcher the app's class path; the engine runs from its module in the
     * runtime alone, and a class path would only make it search the app's jars for services.
     */
    private static void engineWithoutClassPath(Path engineConfig) throws IOException {
        Files.write(engineConfig, Files.readAllLines(engineConfig).stream().filter(line -> !line.startsWith("app.classpath=")).toList());
    }

    private static void copyNativeLibraries(Path engineModule, Path appDir) throws IOException {
        for (String entry : EngineModule.nativeLibraries(engineModule)) {
            String file = entry.substring(entry.lastIndexOf('/') + 1);
            EngineModule.extract(engineModule, entry, appDir.resolve(file));
        }
    }
}
