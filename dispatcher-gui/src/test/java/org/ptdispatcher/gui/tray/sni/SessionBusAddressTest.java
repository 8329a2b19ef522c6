package org.ptdispatcher.gui.tray.sni;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding the session bus: the desktop's variable first, then systemd's user bus socket, else none. */
class SessionBusAddressTest {
    @Test
    void theVariableADesktopSessionSetsComesFirst() {
        assertEquals(Optional.of("unix:path=/run/user/1000/bus,guid=0123"), SessionBusAddress.find(
                Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus,guid=0123", "XDG_RUNTIME_DIR", "/elsewhere"),
                path -> true));
    }

    @Test
    void withoutItTheUserBusSocketInTheRuntimeDirectory() {
        assertEquals(Optional.of("unix:path=/run/user/1000/bus"), SessionBusAddress.find(
                Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), path -> path.equals(Path.of("/run/user/1000/bus"))));
    }

    @Test
    void noneWhenThereIsNeitherVariableNorSocket() {
        assertEquals(Optional.empty(), SessionBusAddress.find(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), path -> false));
        assertEquals(Optional.empty(), SessionBusAddress.find(Map.of(), path -> true));
    }
}
