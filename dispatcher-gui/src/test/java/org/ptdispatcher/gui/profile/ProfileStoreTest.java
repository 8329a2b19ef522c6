package org.ptdispatcher.gui.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileStoreTest {
    @TempDir
    Path home;

    @Test
    void profilesRoundTripThroughAnOwnerOnlyFile() throws Exception {
        Path dir = home.resolve("config").resolve("ptdispatcher");
        ProfileStore store = new ProfileStore(dir);
        assertEquals(List.of(), store.load(), "no file yet: no profiles");
        Profile profile = Profile.builder(Role.CLIENT).name("Home").transport("shadow").mode(ProxyMode.TRANSPARENT_TCP)
                .listenAddress("127.0.0.1:1080").target("192.0.2.1:8388").upstreamProxy("socks5://127.0.0.1:9050").logLevel(LogLevel.DEBUG)
                .options(Map.of("password", "hunter2", "cipherName", "aes-256-gcm")).build();
        store.save(List.of(profile));

        assertEquals(List.of(profile), store.load());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("profiles.json"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left behind");
        }
        assertEquals(dir.resolve("state").resolve(profile.id()), store.defaultStateDirectory(profile));
    }

    @Test
    void aProfileNeverPrintsItsSecrets() {
        Profile profile = Profile.builder(Role.CLIENT).name("x").transport("shadow").mode(null).logLevel(null)
                .options(Map.of("password", "hunter2")).build();
        assertFalse(profile.toString().contains("hunter2"));
        assertTrue(profile.toString().contains("password"));
    }

    @Test
    void settingsRoundTripAndFallBackToDefaults() throws Exception {
        SettingsStore store = new SettingsStore(home);
        assertEquals(AppSettings.defaults(), store.load());
        AppSettings chosen = AppSettings.defaults().withEngine("/usr/bin/obfs4proxy", LaunchCommand.Style.ENVIRONMENT).withLanguage("fa").withDarkTheme(true);
        store.save(chosen);
        assertEquals(chosen, new SettingsStore(home).load());
        Files.writeString(home.resolve("settings.json"), "{ not json");
        assertEquals(AppSettings.defaults(), store.load(), "a damaged file does not stop the app");
    }

    @Test
    void configDirectoryFollowsEachSystemsConvention() {
        assertEquals(Path.of("/x/ptdispatcher"), ConfigDirectory.locate(null, "Linux", "/home/a", Map.of("XDG_CONFIG_HOME", "/x")));
        assertEquals(Path.of("/home/a/.config/ptdispatcher"), ConfigDirectory.locate(null, "Linux", "/home/a", Map.of("XDG_CONFIG_HOME", "relative")));
        assertEquals(Path.of("/Users/a/Library/Application Support/PT Dispatcher"), ConfigDirectory.locate(null, "Mac OS X", "/Users/a", Map.of()));
        assertEquals(Path.of("C:/Users/a/AppData/Roaming", "PT Dispatcher"), ConfigDirectory.locate(null, "Windows 11", "C:/Users/a", Map.of()));
        assertEquals(Path.of("/tmp/t"), ConfigDirectory.locate("/tmp/t", "Linux", "/home/a", Map.of()));
    }
}
