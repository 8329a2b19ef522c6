package org.ptdispatcher.gui;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LaunchDirectoryTest {
    @Test
    void aRelativeNameIsReadInTheDirectoryTheUserStartedTheAppIn() {
        assertEquals(Path.of("/home/user/bridges/extra.torrc"), LaunchDirectory.resolve("bridges/extra.torrc", Optional.of("/home/user")));
    }

    @Test
    void anAbsoluteNameStaysAsItIs() {
        assertEquals(Path.of("/etc/tor/extra.torrc"), LaunchDirectory.resolve("/etc/tor/extra.torrc", Optional.of("/home/user")));
    }

    @Test
    void withoutTheLauncherSayingWhereTheJvmsOwnWorkingDirectoryIsTheUsers() {
        assertEquals(Path.of("extra.torrc"), LaunchDirectory.resolve("extra.torrc", Optional.empty()));
    }
}
