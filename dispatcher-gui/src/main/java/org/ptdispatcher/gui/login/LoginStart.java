package org.ptdispatcher.gui.login;

import org.ptdispatcher.gui.sysproxy.Commands;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operating system's own way of starting a program when this user logs in. What is on is
 * read back from the system each time, never remembered by the app, so a user who removes the
 * entry by the system's own means sees it off here too.
 */
public interface LoginStart {
    /** Whether the system will start the app at the next login. */
    boolean isOn() throws IOException;

    /** Makes the system run {@code command} (a program and its arguments) at each login. */
    void turnOn(List<String> command) throws IOException;

    /** Removes what {@link #turnOn} made; nothing happens if there is none. */
    void turnOff() throws IOException;

    /**
     * This machine's way: Windows' Run key, a macOS LaunchAgent, and on Linux and the other
     * Unixes an XDG autostart entry (what GNOME, KDE, Xfce and the others read).
     */
    static LoginStart forThisMachine(Commands commands, Map<String, String> environment, String home) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsRunKey(commands);
        }
        if (os.startsWith("mac")) {
            return new MacLaunchAgent(Path.of(home, "Library", "LaunchAgents"));
        }
        return new XdgAutostart(XdgAutostart.directory(environment, home));
    }
}
