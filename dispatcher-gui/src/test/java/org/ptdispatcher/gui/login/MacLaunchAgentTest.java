package org.ptdispatcher.gui.login;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LaunchAgent plist as generated, in a LaunchAgents directory of the test's own. */
class MacLaunchAgentTest {
    @TempDir
    Path launchAgents;

    @Test
    void turningOnWritesAnAgentThatRunsTheLauncherAtLoadAndTurningOffRemovesIt() throws Exception {
        MacLaunchAgent agent = new MacLaunchAgent(launchAgents);
        assertFalse(agent.isOn());

        agent.turnOn(List.of("/Applications/PT Dispatcher.app/Contents/MacOS/PT Dispatcher"));

        Path file = launchAgents.resolve("org.ptdispatcher.app.plist");
        assertEquals(file, agent.file());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n"
                + "<dict>\n"
                + "    <key>Label</key>\n"
                + "    <string>org.ptdispatcher.app</string>\n"
                + "    <key>ProgramArguments</key>\n"
                + "    <array>\n"
                + "        <string>/Applications/PT Dispatcher.app/Contents/MacOS/PT Dispatcher</string>\n"
                + "    </array>\n"
                + "    <key>RunAtLoad</key>\n"
                + "    <true/>\n"
                + "</dict>\n"
                + "</plist>\n", Files.readString(file));
        assertTrue(agent.isOn());

        agent.turnOff();
        assertFalse(agent.isOn());
    }

    @Test
    void xmlCharactersInThePathAreEscaped() {
        assertTrue(MacLaunchAgent.plist(List.of("/Users/a&b/<x>")).contains("<string>/Users/a&amp;b/&lt;x&gt;</string>"));
    }
}
