package org.ptdispatcher.gui.tray.sni;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where this user's session bus is: DBUS_SESSION_BUS_ADDRESS, as a desktop session sets it; else
 * the socket systemd's user bus keeps at $XDG_RUNTIME_DIR/bus (an app started by the user manager or
 * a login script may not have the variable); else none, and the tray is not a StatusNotifierItem.
 */
final class SessionBusAddress {
    private SessionBusAddress() {
    }

    static Optional<String> find() {
        return find(System.getenv(), path -> Files.exists(path));
    }

    static Optional<String> find(Map<String, String> environment, Predicate<Path> exists) {
        String address = environment.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").strip();
        if (!address.isEmpty()) {
            return Optional.of(address);
        }
        String runtime = environment.getOrDefault("XDG_RUNTIME_DIR", "").strip();
        if (runtime.isEmpty()) {
            return Optional.empty();
        }
        Path socket = Path.of(runtime, "bus");
        return exists.test(socket) ? Optional.of("unix:path=" + socket) : Optional.empty();
    }
}
