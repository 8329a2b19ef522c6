package org.ptdispatcher.installers;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where jpackage puts things in an application image on each OS, and which installers each OS
 * makes. jpackage cannot cross-build: every OS builds its own.
 */
enum Platform {
    LINUX("bin", "lib/app", "lib/runtime", "", ".so", List.of("deb", "rpm")),
    MACOS("Contents/MacOS", "Contents/app", "Contents/runtime/Contents/Home", "", ".jnilib", List.of("dmg", "pkg")),
    WINDOWS("", "app", "runtime", ".exe", ".dll", List.of("msi"));

    private final String launcherDir;
    private final String appDir;
    private final String runtimeDir;
    private final String executableSuffix;
    private final String nativeLibrarySuffix;
    private final List<String> installerTypes;

    Platform(String launcherDir, String appDir, String runtimeDir, String executableSuffix, String nativeLibrarySuffix,
             List<String> installerTypes) {
        this.launcherDir = launcherDir;
        this.appDir = appDir;
        this.runtimeDir = runtimeDir;
        this.executableSuffix = executableSuffix;
        this.nativeLibrarySuffix = nativeLibrarySuffix;
        this.installerTypes = installerTypes;
    }

    /** Whether a native library in a jar ({@code META-INF/native/...}) is one this OS loads. */
    boolean loads(String nativeLibrary) {
        return nativeLibrary.endsWith(nativeLibrarySuffix);
    }

    static Platform current() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return WINDOWS;
        }
        return os.contains("mac") ? MACOS : LINUX;
    }

    /** The image jpackage writes into {@code dest} for an app called {@code name}. */
    Path imageRoot(Path dest, String name) {
        return dest.resolve(this == MACOS ? name + ".app" : name);
    }

    /** The launcher called {@code name} in an image. */
    Path launcher(Path imageRoot, String name) {
        return imageRoot.resolve(launcherDir).resolve(name + executableSuffix);
    }

    /** The directory of the app's jars and launcher configurations ({@code $APPDIR} in a launcher's java-options). */
    Path appDir(Path imageRoot) {
        return imageRoot.resolve(appDir);
    }

    /** The {@code java} of the image's runtime. */
    Path runtimeJava(Path imageRoot) {
        return imageRoot.resolve(runtimeDir).resolve("bin").resolve("java" + executableSuffix);
    }

    List<String> installerTypes() {
        return installerTypes;
    }
}
