package org.ptdispatcher.gui.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding the engine beside the app's launcher, as the installers lay the launchers out on each OS. */
class EngineLocatorTest {
    @TempDir
    Path image;

    @Test
    void findsTheEngineBesideTheAppLauncherOnLinuxAndMacos() throws IOException {
        for (String launcherDir : List.of("bin", "Contents/MacOS")) {
            Path dir = Files.createDirectories(image.resolve(launcherDir));
            Path app = executable(dir.resolve("PT Dispatcher"));
            Path engine = executable(dir.resolve("ptdispatcher"));
            assertEquals(Optional.of(new EngineProgram(List.of(engine.toString()), true)), EngineLocator.besideAppLauncher(app));
        }
    }

    @Test
    void findsTheWindowsEngineExecutable() throws IOException {
        Path app = executable(image.resolve("PT Dispatcher.exe"));
        Path engine = executable(image.resolve("ptdispatcher.exe"));
        assertEquals(List.of(engine.toString()), EngineLocator.besideAppLauncher(app).orElseThrow().command());
    }

    @Test
    void findsNothingWhereThereIsNoEngineLauncher() throws IOException {
        Path app = executable(image.resolve("PT Dispatcher"));
        Files.writeString(image.resolve("ptdispatcher"), "not executable");
        assertTrue(image.resolve("ptdispatcher").toFile().setExecutable(false));
        assertEquals(Optional.empty(), EngineLocator.besideAppLauncher(app));
    }

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }
}
