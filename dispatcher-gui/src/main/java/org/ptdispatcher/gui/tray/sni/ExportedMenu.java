package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.ptdispatcher.gui.tray.TrayAction;
import org.ptdispatcher.gui.tray.TrayItem;
import org.ptdispatcher.gui.tray.TrayMenu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Our {@link TrayMenu} as com.canonical.dbusmenu at {@link #PATH}: the root (id 0) holds the
 * entries, entry {@code i} of the menu has id {@code i + 1}. Each new menu is a new revision,
 * which the tray announces with LayoutUpdated. Called on dbus-java's threads: the menu is an
 * immutable value swapped whole.
 */
final class ExportedMenu implements DbusMenu, Properties {
    static final String PATH = "/MenuBar";
    private static final String INTERFACE = "com.canonical.dbusmenu";
    /** The protocol version whose properties we serve (libdbusmenu's current). */
    private static final int VERSION = 3;

    private record Revision(TrayMenu menu, long number) {
    }

    private final Consumer<TrayAction> onAction;
    private volatile Revision current;

    ExportedMenu(TrayMenu first, Consumer<TrayAction> onAction) {
        this.onAction = onAction;
        this.current = new Revision(first, 1);
    }

    /** Serves {@code menu} from now on; returns its revision, for LayoutUpdated. */
    synchronized long update(TrayMenu menu) {
        current = new Revision(menu, current.number() + 1);
        return current.number();
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    @Override
    public LayoutReply<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
        Revision now = current;
        if (parentId == 0) {
            List<Variant<?>> children = new ArrayList<>();
            if (recursionDepth != 0) {
                List<TrayItem> items = now.menu().items();
                for (int i = 0; i < items.size(); i++) {
                    children.add(new Variant<>(new Layout(i + 1, properties(items.get(i), propertyNames), List.of()), Layout.SIGNATURE));
                }
            }
            Map<String, Variant<?>> root = new LinkedHashMap<>();
            root.put("children-display", new Variant<>("submenu"));
            return new LayoutReply<>(new UInt32(now.number()), new Layout(0, root, children));
        }
        return new LayoutReply<>(new UInt32(now.number()), new Layout(parentId, properties(item(now, parentId), propertyNames), List.of()));
    }

    @Override
    public List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
        Revision now = current;
        List<ItemProperties> found = new ArrayList<>();
        List<TrayItem> items = now.menu().items();
        for (int i = 0; i < items.size(); i++) {
            if (ids.isEmpty() || ids.contains(i + 1)) {
                found.add(new ItemProperties(i + 1, properties(items.get(i), propertyNames)));
            }
        }
        return found;
    }

    @Override
    public Variant<?> GetProperty(int id, String name) {
        Variant<?> value = properties(item(current, id), List.of()).get(name);
        if (value == null) {
            throw new DBusExecutionException("item " + id + " has no property " + name);
        }
        return value;
    }

    @Override
    public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        if (!"clicked".equals(eventId)) {
            return;
        }
        TrayItem item = item(current, id);
        if (item.enabled()) {
            item.action().ifPresent(onAction);
        }
    }

    @Override
    public List<Integer> EventGroup(List<MenuEvent> events) {
        List<Integer> notFound = new ArrayList<>();
        for (MenuEvent event : events) {
            if (event.id < 1 || event.id > current.menu().items().size()) {
                notFound.add(event.id);
            } else {
                Event(event.id, event.eventId, event.data, event.timestamp);
            }
        }
        return notFound;
    }

    @Override
    public boolean AboutToShow(int id) {
        return false;
    }

    @Override
    public GroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
        return new GroupReply<>(List.of(), List.of());
    }

    @Override
    public <A> A Get(String interfaceName, String propertyName) {
        return ReadOnlyProperties.get(GetAll(interfaceName), interfaceName, propertyName);
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw ReadOnlyProperties.refusedSet("the menu's");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        Map<String, Variant<?>> all = new LinkedHashMap<>();
        if (INTERFACE.equals(interfaceName)) {
            all.put("Version", new Variant<>(new UInt32(VERSION)));
            all.put("TextDirection", new Variant<>(current.menu().rightToLeft() ? "rtl" : "ltr"));
            all.put("Status", new Variant<>("normal"));
            all.put("IconThemePath", new Variant<>(List.of(), "as"));
        }
        return all;
    }

    private static TrayItem item(Revision revision, int id) {
        if (id < 1 || id > revision.menu().items().size()) {
            throw new DBusExecutionException("no menu item " + id);
        }
        return revision.menu().items().get(id - 1);
    }

    /** An entry's dbusmenu properties ({@code names} empty: all of them). */
    private static Map<String, Variant<?>> properties(TrayItem item, List<String> names) {
        Map<String, Variant<?>> all = new LinkedHashMap<>();
        if (item.kind() == TrayItem.Kind.SEPARATOR) {
            all.put("type", new Variant<>("separator"));
        } else {
            // dbusmenu reads "_" as the access key's mark: a name's own underscores are doubled
            all.put("label", new Variant<>(item.label().replace("_", "__")));
            all.put("enabled", new Variant<>(item.enabled()));
        }
        all.put("visible", new Variant<>(true));
        if (!names.isEmpty()) {
            all.keySet().retainAll(names);
        }
        return all;
    }
}
