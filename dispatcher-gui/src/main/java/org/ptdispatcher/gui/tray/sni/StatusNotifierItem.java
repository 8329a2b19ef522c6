package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * org.kde.StatusNotifierItem, the tray item that AppIndicator, KDE Plasma, XFCE's and GNOME's
 * appindicator extension show (freedesktop.org's StatusNotifierItem spec, under KDE's name, as
 * every host expects it). Its properties are served through org.freedesktop.DBus.Properties by
 * the exported object; its menu is at the object path its Menu property names.
 */
@DBusInterfaceName("org.kde.StatusNotifierItem")
@SuppressWarnings("checkstyle:MethodName")
public interface StatusNotifierItem extends DBusInterface {
    /** A primary click on the icon (x and y where, which we need not know). */
    void Activate(int x, int y);

    void SecondaryActivate(int x, int y);

    /** Hosts that draw no menu themselves ask for it here; ours is in the Menu property, which every host reads. */
    void ContextMenu(int x, int y);

    void Scroll(int delta, String orientation);

    /** The IconPixmap property changed. */
    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** The ToolTip property changed. */
    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }
}
