package org.ptdispatcher.installers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class-data archive made for another runtime must cost only the speed it would have brought:
 * the JVM may say so on stderr, never on stdout, which is the IPC channel. Checked with the
 * launcher script (dispatcher-cli/target/ptdispatcher), which uses a {@code ptdispatcher.jsa}
 * beside its jar, given the image's archive (made for the image's runtime), with this JDK and with
 * every other JDK under /usr/lib/jvm.
 *
 * <p>Not covered, because JDK 17 cannot pass it: a truncated archive crashes the JVM (SIGBUS while
 * mapping it, with or without -XX:+VerifySharedSpaces), and the crash banner goes to stdout.
 */
class StartupArchiveIT {
    @TempDir
    Path dir;

    @Test
    void anArchiveFromAnotherRuntimeNeverReachesStdout() throws IOException {
        Path archive = Path.of(System.getProperty("installers.image.archive"));
        assertTrue(Files.isRegularFile(archive), "the image's archive exists: " + archive);
        Path launcher = launcherBeside(archive);
        List<Path> javaHomes = javaHomes();
        for (Path javaHome : javaHomes) {
            assertOnlyIpcOnStdout(launcher, javaHome);
        }
        System.out.println("checked with " + javaHomes);
    }

    /** A copy of the launcher script and its jar, with {@code archive} beside them as ptdispatcher.jsa. */
    private Path launcherBeside(Path archive) throws IOException {
        Path script = Path.of(System.getProperty("ptdispatcher.launcher"));
        Path launcher = dir.resolve("ptdispatcher");
        Files.copy(script, launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(script.resolveSibling("ptdispatcher.jar"), dir.resolve("ptdispatcher.jar"));
        Files.copy(archive, dir.resolve("ptdispatcher.jsa"), StandardCopyOption.REPLACE_EXISTING);
        return launcher;
    }

    private void assertOnlyIpcOnStdout(Path launcher, Path javaHome) {
        Map<String, String> tor = Map.of("JAVA_HOME", javaHome.toString(), "TOR_PT_MANAGED_TRANSPORT_VER", "2.2",
                "TOR_PT_CLIENT_TRANSPORTS", "plain", "TOR_PT_STATE_LOCATION", dir.resolve("state").toString(),
                "TOR_PT_EXIT_ON_STDIN_CLOSE", "1");
        try (IpcSession pt = IpcSession.start(List.of(launcher.toString()), tor)) {
            List<String> lines = pt.awaitDone();
            assertEquals(3, lines.size(), "with " + javaHome + ", stdout holds the IPC lines only: " + lines);
            assertEquals("VERSION 2.2", lines.get(0));
            assertTrue(lines.get(1).startsWith("CMETHOD plain socks5 127.0.0.1:"), lines.get(1));
            assertEquals("CMETHODS DONE", lines.get(2));
            assertEquals(0, pt.closeStdinAndWait());
        }
    }

    /** This JDK and the other JDKs installed beside it (the machine has Temurin 25 besides Debian's 17). */
    private static List<Path> javaHomes() throws IOException {
        Path current = Path.of(System.getProperty("java.home")).toRealPath();
        List<Path> homes = new ArrayList<>(List.of(current));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                for (Path home : dirs.filter(d -> Files.isExecutable(d.resolve("bin/java"))).toList()) {
                    Path real = home.toRealPath();
                    if (!homes.contains(real)) {
                        homes.add(real);
                    }
                }
            }
        }
        assertFalse(homes.isEmpty());
        return homes;
    }
}
