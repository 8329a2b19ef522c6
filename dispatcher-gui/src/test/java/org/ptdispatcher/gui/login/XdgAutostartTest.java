package org.ptdispatcher.gui.login;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The XDG autostart entry as a real file, in an XDG_CONFIG_HOME of the test's own. */
class XdgAutostartTest {
    @TempDir
    Path configHome;

    @Test
    void theEntryIsInXdgConfigHomeOrInDotConfigWhenItIsUnsetOrRelative() {
        assertEquals(configHome.resolve("autostart"), XdgAutostart.directory(Map.of("XDG_CONFIG_HOME", configHome.toString()), "/home/ann"));
        assertEquals(Path.of("/home/ann/.config/autostart"), XdgAutostart.directory(Map.of(), "/home/ann"));
        assertEquals(Path.of("/home/ann/.config/autostart"), XdgAutostart.directory(Map.of("XDG_CONFIG_HOME", "relative"), "/home/ann"));
    }

    @Test
    void turningOnWritesAnApplicationEntryThatRunsTheLauncherAndTurningOffRemovesIt() throws Exception {
        XdgAutostart autostart = new XdgAutostart(XdgAutostart.directory(Map.of("XDG_CONFIG_HOME", configHome.toString()), "/nowhere"));
        assertFalse(autostart.isOn());

        autostart.turnOn(List.of("/opt/ptdispatcher/bin/PT Dispatcher"));

        Path file = configHome.resolve("autostart").resolve("ptdispatcher.desktop");
        assertEquals("[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=PT Dispatcher\n"
                + "Exec=\"/opt/ptdispatcher/bin/PT Dispatcher\"\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n", Files.readString(file));
        assertTrue(autostart.isOn());

        autostart.turnOff();
        assertFalse(Files.exists(file));
        assertFalse(autostart.isOn());
        autostart.turnOff();  // already off: nothing to do
    }

    @Test
    void anEntryADesktopHidIsOff() throws Exception {
        XdgAutostart autostart = new XdgAutostart(configHome);
        autostart.turnOn(List.of("/usr/bin/ptdispatcher-gui"));
        Files.writeString(autostart.file(), Files.readString(autostart.file()) + "Hidden=true\n");
        assertFalse(autostart.isOn());
    }

    @Test
    void execQuotesReservedCharactersEscapesInsideTheQuotesAndDoublesPercentAndBackslashes() {
        assertEquals("/usr/bin/ptd", XdgAutostart.exec(List.of("/usr/bin/ptd")));
        assertEquals("\"/opt/My App/run\" --flag", XdgAutostart.exec(List.of("/opt/My App/run", "--flag")));
        // " ` $ \ escaped with a backslash inside quotes, then every backslash doubled for the string rule
        assertEquals("\"/opt/a\\\\\"b\\\\$c\\\\`d\\\\\\\\e\"", XdgAutostart.exec(List.of("/opt/a\"b$c`d\\e")));
        assertEquals("/opt/100%%/run", XdgAutostart.exec(List.of("/opt/100%/run")));
        assertEquals("\"\"", XdgAutostart.exec(List.of("")));
    }
}
