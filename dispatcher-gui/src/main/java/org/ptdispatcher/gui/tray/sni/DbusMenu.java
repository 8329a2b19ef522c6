package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.List;
import java.util.Map;

/**
 * com.canonical.dbusmenu, the menu a StatusNotifierItem host draws (libdbusmenu's protocol, which
 * KDE, AppIndicator and the GNOME extension all speak): a tree of items with ids, each a map of
 * properties (label, enabled, type, visible), read with GetLayout and chosen with Event.
 */
@DBusInterfaceName("com.canonical.dbusmenu")
@SuppressWarnings("checkstyle:MethodName")
public interface DbusMenu extends DBusInterface {
    /** The layout's revision and the item {@code parentId} with its children, {@code recursionDepth} deep (-1: all). */
    LayoutReply<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames);

    List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    Variant<?> GetProperty(int id, String name);

    /** Something happened to item {@code id}: "clicked" is the one that does something. */
    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    /** Several events at once; returns the ids not found. */
    List<Integer> EventGroup(List<MenuEvent> events);

    /** The menu is about to be shown: whether its layout should be read again (ours is always up to date). */
    boolean AboutToShow(int id);

    GroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    /** (u revision, (ia{sv}av) layout). */
    final class LayoutReply<A, B> extends Tuple {
        @Position(0)
        public final A revision;
        @Position(1)
        public final B layout;

        public LayoutReply(A revision, B layout) {
            this.revision = revision;
            this.layout = layout;
        }
    }

    /** (ai updatesNeeded, ai idErrors). */
    final class GroupReply<A, B> extends Tuple {
        @Position(0)
        public final A updatesNeeded;
        @Position(1)
        public final B idErrors;

        public GroupReply(A updatesNeeded, B idErrors) {
            this.updatesNeeded = updatesNeeded;
            this.idErrors = idErrors;
        }
    }

    /** One item and its children, (ia{sv}av): each child a variant holding the same structure. */
    final class Layout extends Struct {
        static final String SIGNATURE = "(ia{sv}av)";

        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;
        @Position(2)
        public final List<Variant<?>> children;

        public Layout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    /** (ia{sv}). */
    final class ItemProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;

        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }

    /** (isvu): an Event call, one of a group. */
    final class MenuEvent extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final String eventId;
        @Position(2)
        public final Variant<?> data;
        @Position(3)
        public final UInt32 timestamp;

        public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    /** The menu changed: hosts read it again from {@code parent} down. */
    final class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }
}
