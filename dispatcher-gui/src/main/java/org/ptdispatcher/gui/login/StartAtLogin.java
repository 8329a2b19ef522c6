package org.ptdispatcher.gui.login;

import org.ptdispatcher.gui.sysproxy.ProcessCommands;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This app at this user's login: the system's {@link LoginStart} and the command that launched
 * the app. Only an installed app has a command worth starting later: jpackage's launcher names
 * itself in {@code jpackage.app-path}; a checkout run by Maven or an IDE has none, and the
 * option is then not offered.
 */
public final class StartAtLogin {
    /** Set by jpackage launchers to the launcher's own path. */
    static final String APP_LAUNCHER_PROPERTY = "jpackage.app-path";

    private final LoginStart place;
    private final Optional<List<String>> command;

    public StartAtLogin(LoginStart place, Optional<List<String>> command) {
        this.place = place;
        this.command = command.map(List::copyOf);
    }

    /** This machine's mechanism, with the launcher that started this app. */
    public static StartAtLogin forThisApp() {
        return new StartAtLogin(LoginStart.forThisMachine(new ProcessCommands(Map.of()), System.getenv(), System.getProperty("user.home")),
                thisAppsLauncher());
    }

    /** The launcher that started this app, if an installed one did. */
    static Optional<List<String>> thisAppsLauncher() {
        String launcher = System.getProperty(APP_LAUNCHER_PROPERTY, "");
        return launcher.isBlank() ? Optional.empty() : Optional.of(List.of(launcher));
    }

    /** Whether this copy of the app can be started at login (it was started by an installed launcher). */
    public boolean available() {
        return command.isPresent();
    }

    public boolean isOn() throws IOException {
        return place.isOn();
    }

    public void turnOn() throws IOException {
        place.turnOn(command.orElseThrow(() -> new IOException("this copy of the app was not started by an installed launcher")));
    }

    public void turnOff() throws IOException {
        place.turnOff();
    }
}
