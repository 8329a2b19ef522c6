package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TorLocatorTest {
    @TempDir
    Path dir;

    private Path program(Path at) throws Exception {
        Files.createDirectories(at.getParent());
        Files.writeString(at, "#!/bin/sh\n");
        Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rwx------"));
        return at;
    }

    @Test
    void theChosenProgramWins() throws Exception {
        Path chosen = program(dir.resolve("Tor Browser/Browser/TorBrowser/Tor/tor"));
        program(dir.resolve("bin/tor"));
        assertEquals(chosen, TorLocator.locate(chosen.toString(), dir.resolve("bin").toString(), "Linux", List.of()));
    }

    @Test
    void aChosenProgramThatIsNotThereIsNotFoundByName() {
        TorSetupException e = assertThrows(TorSetupException.class,
                () -> TorLocator.locate(dir.resolve("gone/tor").toString(), "", "Linux", List.of()));
        assertEquals(new TorFailure.TorNotFound(dir.resolve("gone/tor").toString()), e.failure());
        assertEquals("tor.failure.torNotFound", e.failure().messageKey());
    }

    @Test
    void otherwiseTheFirstTorOnThePath() throws Exception {
        Path first = program(dir.resolve("a/tor"));
        program(dir.resolve("b/tor"));
        String path = dir.resolve("empty") + File.pathSeparator + dir.resolve("a") + File.pathSeparator + dir.resolve("b");
        assertEquals(first, TorLocator.locate("", path, "Linux", List.of()));
    }

    @Test
    void thenWherePackagesPutItThatAUsersPathLacks() throws Exception {
        Path sbin = program(dir.resolve("usr/sbin/tor"));
        assertEquals(sbin, TorLocator.locate("", dir.resolve("usr/bin").toString(), "Linux", List.of(dir.resolve("usr/sbin").toString())));
    }

    @Test
    void noTorAnywhereIsTorNotOnPath() throws Exception {
        Files.writeString(dir.resolve("tor"), "not executable");
        TorSetupException e = assertThrows(TorSetupException.class, () -> TorLocator.locate("", dir.toString(), "Linux", List.of()));
        assertEquals(new TorFailure.TorNotFound(""), e.failure());
        assertEquals("tor.failure.torNotOnPath", e.failure().messageKey());
    }

    @Test
    void onWindowsItIsTorExe() throws Exception {
        program(dir.resolve("tor"));
        Path exe = program(dir.resolve("w/tor.exe"));
        assertEquals(exe, TorLocator.locate("", dir + File.pathSeparator + dir.resolve("w"), "Windows 11", List.of()));
    }
}
