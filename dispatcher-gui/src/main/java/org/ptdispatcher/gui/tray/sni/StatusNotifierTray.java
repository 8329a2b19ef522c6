package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.ptdispatcher.gui.tray.Tray;
import org.ptdispatcher.gui.tray.TrayIconImage;
import org.ptdispatcher.gui.tray.TrayMenu;
import org.ptdispatcher.gui.tray.TrayAction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Linux tray: a StatusNotifierItem with a com.canonical.dbusmenu menu on the session bus,
 * registered with the desktop's org.kde.StatusNotifierWatcher, which is what AppIndicator, KDE
 * Plasma, XFCE and GNOME's appindicator extension show (AWT's tray, the XEmbed protocol, shows on
 * none of them today). Registered again when a watcher comes back (the desktop's shell restarted).
 * Nothing is started without a watcher on the bus: the caller then falls back to another tray.
 */
public final class StatusNotifierTray implements Tray {
    /** The sizes the icon is sent in: hosts pick the nearest to their panel (22 to 48 px). */
    private static final int[] ICON_SIZES = {22, 32, 48, 64};

    private final DBusConnection bus;
    private final String busName;
    private final ExportedItem item;
    private final ExportedMenu menu;
    /** Signals go out from here: the FX thread that calls {@link #show} never waits on the bus. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tray-dbus");
        thread.setDaemon(true);
        return thread;
    });
    private AutoCloseable watcherFollower;

    private StatusNotifierTray(DBusConnection bus, TrayMenu first, Consumer<TrayAction> onAction) {
        this.bus = bus;
        this.busName = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        this.item = new ExportedItem(icon(true), icon(false), first, onAction);
        this.menu = new ExportedMenu(first, onAction);
    }

    /**
     * The item on the bus at {@code address} (empty: this user's session bus, {@link SessionBusAddress}), shown by that bus's watcher;
     * empty when there is no such bus or no watcher on it. Blocks on the bus: call it off the FX thread.
     */
    public static Optional<Tray> start(Optional<String> address, TrayMenu first, Consumer<TrayAction> onAction) {
        Optional<String> found = address.isPresent() ? address : SessionBusAddress.find();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DBusConnection bus;
        try {
            bus = DBusConnectionBuilder.forAddress(found.get()).withShared(false).build();
        } catch (DBusException | RuntimeException e) {
            // no session bus (a bare X session, a container): no item, and the caller falls back
            return Optional.empty();
        }
        try {
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!daemon.NameHasOwner(StatusNotifierWatcher.BUS_NAME)) {
                bus.close();
                return Optional.empty();
            }
            StatusNotifierTray tray = new StatusNotifierTray(bus, first, onAction);
            tray.export();
            return Optional.of(tray);
        } catch (DBusException | IOException | RuntimeException e) {
            System.err.println("PT Dispatcher: no tray item on the session bus: " + e.getMessage());
            closeQuietly(bus);
            return Optional.empty();
        }
    }

    private void export() throws DBusException {
        bus.requestBusName(busName);
        bus.exportObject(ExportedItem.PATH, item);
        bus.exportObject(ExportedMenu.PATH, menu);
        watcherFollower = bus.addSigHandler(DBus.NameOwnerChanged.class, changed -> {
            if (StatusNotifierWatcher.BUS_NAME.equals(changed.name) && !changed.newOwner.isEmpty()) {
                sender.execute(this::registerQuietly);
            }
        });
        register();
    }

    private void register() throws DBusException {
        bus.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.OBJECT_PATH, StatusNotifierWatcher.class)
                .RegisterStatusNotifierItem(busName);
    }

    private void registerQuietly() {
        try {
            register();
        } catch (DBusException | RuntimeException e) {
            System.err.println("PT Dispatcher: the tray item could not be registered again: " + e.getMessage());
        }
    }

    /** The bus name the item is registered under (org.kde.StatusNotifierItem-PID-1). */
    public String busName() {
        return busName;
    }

    @Override
    public void show(TrayMenu next) {
        if (sender.isShutdown()) {
            // the app is stopping: its engines' last states need no icon
            return;
        }
        sender.execute(() -> {
            try {
                long revision = menu.update(next);
                bus.sendMessage(new DbusMenu.LayoutUpdated(ExportedMenu.PATH, new UInt32(revision), 0));
                if (item.updateIcon(next.connected())) {
                    bus.sendMessage(new StatusNotifierItem.NewIcon(ExportedItem.PATH));
                }
                if (item.updateStatus(next.status())) {
                    bus.sendMessage(new StatusNotifierItem.NewToolTip(ExportedItem.PATH));
                }
            } catch (DBusException | RuntimeException e) {
                System.err.println("PT Dispatcher: the tray menu could not be updated: " + e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (watcherFollower != null) {
                watcherFollower.close();
            }
        } catch (Exception e) {
            // the connection goes next anyway
        }
        // the bus name goes with the connection, and the watcher takes the item away
        closeQuietly(bus);
    }

    private static List<IconPixmap> icon(boolean connected) {
        List<IconPixmap> sizes = new ArrayList<>();
        for (int size : ICON_SIZES) {
            BufferedImage image = TrayIconImage.at(size, connected);
            sizes.add(new IconPixmap(size, size, TrayIconImage.argb32(image)));
        }
        return sizes;
    }

    private static void closeQuietly(DBusConnection bus) {
        try {
            bus.close();
        } catch (IOException | RuntimeException e) {
            // leaving anyway
        }
    }
}
