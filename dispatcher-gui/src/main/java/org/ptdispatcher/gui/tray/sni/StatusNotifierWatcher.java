package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The watcher a desktop's tray host runs: an item is shown once it is registered here. */
@DBusInterfaceName("org.kde.StatusNotifierWatcher")
@SuppressWarnings("checkstyle:MethodName")
public interface StatusNotifierWatcher extends DBusInterface {
    String BUS_NAME = "org.kde.StatusNotifierWatcher";
    String OBJECT_PATH = "/StatusNotifierWatcher";

    /** {@code service}: the item's bus name (its object then at /StatusNotifierItem). */
    void RegisterStatusNotifierItem(String service);
}
