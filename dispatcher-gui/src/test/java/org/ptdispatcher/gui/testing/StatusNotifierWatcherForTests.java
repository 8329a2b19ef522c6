package org.ptdispatcher.gui.testing;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The desktop's side of the tray protocol, as small as it can be: org.kde.StatusNotifierWatcher
 * on a test's bus, which remembers the items that register (a host would then show them). Its
 * own interface definition, written from the spec, not the app's.
 */
public final class StatusNotifierWatcherForTests implements AutoCloseable {
    @DBusInterfaceName("org.kde.StatusNotifierWatcher")
    @SuppressWarnings("checkstyle:MethodName")
    public interface Watcher extends DBusInterface {
        void RegisterStatusNotifierItem(String service);

        void RegisterStatusNotifierHost(String service);
    }

    private final DBusConnection bus;
    private final List<String> items = new CopyOnWriteArrayList<>();

    private StatusNotifierWatcherForTests(String address) throws DBusException {
        bus = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        bus.exportObject("/StatusNotifierWatcher", new Watcher() {
            @Override
            public void RegisterStatusNotifierItem(String service) {
                items.add(service);
            }

            @Override
            public void RegisterStatusNotifierHost(String service) {
                // a host would; this watcher is its own host
            }

            @Override
            public String getObjectPath() {
                return "/StatusNotifierWatcher";
            }
        });
        // the name last: an item that sees it finds the object there
        bus.requestBusName("org.kde.StatusNotifierWatcher");
    }

    public static StatusNotifierWatcherForTests on(PrivateSessionBus session) throws DBusException {
        return new StatusNotifierWatcherForTests(session.address());
    }

    /** The bus names of the items registered so far, in order. */
    public List<String> items() {
        return List.copyOf(items);
    }

    @Override
    public void close() throws IOException {
        bus.close();
    }
}
