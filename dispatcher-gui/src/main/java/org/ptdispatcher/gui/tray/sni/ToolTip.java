package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

import java.util.List;

/** The item's tooltip, (sa(iiay)ss): an icon name, icon pixmaps, a title and a text. */
public final class ToolTip extends Struct {
    static final String SIGNATURE = "(sa(iiay)ss)";

    @Position(0)
    public final String iconName;
    @Position(1)
    public final List<IconPixmap> icon;
    @Position(2)
    public final String title;
    @Position(3)
    public final String text;

    public ToolTip(String iconName, List<IconPixmap> icon, String title, String text) {
        this.iconName = iconName;
        this.icon = icon;
        this.title = title;
        this.text = text;
    }
}
