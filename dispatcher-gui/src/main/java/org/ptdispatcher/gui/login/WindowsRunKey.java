package org.ptdispatcher.gui.login;

import org.ptdispatcher.gui.sysproxy.Commands;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The value {@code PT Dispatcher} under this user's {@code HKCU\...\CurrentVersion\Run}, which
 * Windows runs at each login (and Task Manager's Startup tab lists), through {@code reg}.
 */
public final class WindowsRunKey implements LoginStart {
    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE = "PT Dispatcher";

    private final Commands commands;

    public WindowsRunKey(Commands commands) {
        this.commands = commands;
    }

    @Override
    public boolean isOn() throws IOException {
        // reg exits 1 when the value does not exist
        return commands.run(List.of("reg", "query", KEY, "/v", VALUE)).succeeded();
    }

    @Override
    public void turnOn(List<String> command) throws IOException {
        commands.require(List.of("reg", "add", KEY, "/v", VALUE, "/t", "REG_SZ", "/d", data(command), "/f"));
    }

    @Override
    public void turnOff() throws IOException {
        Commands.Result deleted = commands.run(List.of("reg", "delete", KEY, "/v", VALUE, "/f"));
        if (!deleted.succeeded() && isOn()) {
            throw new IOException("reg delete " + VALUE + " exited with " + deleted.exitCode());
        }
    }

    /**
     * The Run value's data, each part in quotes (a launcher under {@code C:\Program Files} has a
     * space), written {@code \"} so that the quotes survive the argument parsing of {@code reg}
     * itself and land in the registry.
     */
    static String data(List<String> command) {
        return command.stream().map(part -> "\\\"" + part + "\\\"").collect(Collectors.joining(" "));
    }
}
