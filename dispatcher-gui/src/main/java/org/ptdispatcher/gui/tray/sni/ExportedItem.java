package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.ptdispatcher.gui.tray.TrayAction;
import org.ptdispatcher.gui.tray.TrayMenu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The StatusNotifierItem at {@link #PATH}: the app's icon as pixmaps (no icon name: a theme need
 * not have ours), grey while the last profile does not run, the status as its tooltip, the menu at {@link ExportedMenu#PATH}. A click on the
 * icon opens the window, as a click on the icon of most apps does. Called on dbus-java's threads.
 */
final class ExportedItem implements StatusNotifierItem, Properties {
    static final String PATH = "/StatusNotifierItem";
    private static final String INTERFACE = "org.kde.StatusNotifierItem";
    private static final String TITLE = "PT Dispatcher";

    private final List<IconPixmap> connectedIcon;
    private final List<IconPixmap> disconnectedIcon;
    private final Consumer<TrayAction> onAction;
    private volatile String status;
    private volatile boolean connected;

    ExportedItem(List<IconPixmap> connectedIcon, List<IconPixmap> disconnectedIcon, TrayMenu first, Consumer<TrayAction> onAction) {
        this.connectedIcon = List.copyOf(connectedIcon);
        this.disconnectedIcon = List.copyOf(disconnectedIcon);
        this.status = first.status();
        this.connected = first.connected();
        this.onAction = onAction;
    }

    /** Returns whether the status changed (then the tooltip did, and hosts are told). */
    boolean updateStatus(String newStatus) {
        boolean changed = !newStatus.equals(status);
        status = newStatus;
        return changed;
    }

    /** Returns whether the icon changed (colour for connected, grey for not: hosts are told). */
    boolean updateIcon(boolean nowConnected) {
        boolean changed = nowConnected != connected;
        connected = nowConnected;
        return changed;
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    @Override
    public void Activate(int x, int y) {
        onAction.accept(TrayAction.OPEN);
    }

    @Override
    public void SecondaryActivate(int x, int y) {
        // a middle click: nothing, rather than a surprise
    }

    @Override
    public void ContextMenu(int x, int y) {
        // every host we know reads the Menu property and draws it itself
    }

    @Override
    public void Scroll(int delta, String orientation) {
        // nothing to scroll through
    }

    @Override
    public <A> A Get(String interfaceName, String propertyName) {
        return ReadOnlyProperties.get(GetAll(interfaceName), interfaceName, propertyName);
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw ReadOnlyProperties.refusedSet("the item's");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        Map<String, Variant<?>> all = new LinkedHashMap<>();
        if (!INTERFACE.equals(interfaceName)) {
            return all;
        }
        all.put("Category", new Variant<>("ApplicationStatus"));
        all.put("Id", new Variant<>("ptdispatcher"));
        all.put("Title", new Variant<>(TITLE));
        all.put("Status", new Variant<>("Active"));
        all.put("WindowId", new Variant<>(0));
        all.put("IconThemePath", new Variant<>(""));
        all.put("IconName", new Variant<>(""));
        List<IconPixmap> icon = connected ? connectedIcon : disconnectedIcon;
        all.put("IconPixmap", new Variant<>(icon, "a(iiay)"));
        all.put("OverlayIconName", new Variant<>(""));
        all.put("OverlayIconPixmap", new Variant<>(List.of(), "a(iiay)"));
        all.put("AttentionIconName", new Variant<>(""));
        all.put("AttentionIconPixmap", new Variant<>(List.of(), "a(iiay)"));
        all.put("AttentionMovieName", new Variant<>(""));
        all.put("ToolTip", new Variant<>(new ToolTip("", icon, TITLE, status), ToolTip.SIGNATURE));
        all.put("ItemIsMenu", new Variant<>(false));
        all.put("Menu", new Variant<>(new DBusPath(ExportedMenu.PATH)));
        return all;
    }
}
