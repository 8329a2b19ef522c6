package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/**
 * org.freedesktop.DBus.Properties' Get and Set for an exported object whose properties are all
 * read-only and listed by its GetAll: the item and its menu answer the same way.
 */
final class ReadOnlyProperties {
    private ReadOnlyProperties() {
    }

    /** {@code propertyName} out of {@code all} (the object's GetAll for {@code interfaceName}), or the D-Bus error for none. */
    @SuppressWarnings("unchecked")
    static <A> A get(Map<String, Variant<?>> all, String interfaceName, String propertyName) {
        Variant<?> value = all.get(propertyName);
        if (value == null) {
            throw new DBusExecutionException("no property " + interfaceName + "." + propertyName);
        }
        return (A) value;
    }

    /** The D-Bus error a Set gets: {@code whose} properties (the item's, the menu's) are read-only. */
    static DBusExecutionException refusedSet(String whose) {
        return new DBusExecutionException(whose + " properties are read-only");
    }
}
