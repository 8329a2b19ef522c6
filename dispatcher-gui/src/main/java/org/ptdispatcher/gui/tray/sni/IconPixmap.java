package org.ptdispatcher.gui.tray.sni;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One size of the icon, (iiay): width, height and ARGB32 pixels in network byte order. */
public final class IconPixmap extends Struct {
    @Position(0)
    public final int width;
    @Position(1)
    public final int height;
    @Position(2)
    public final byte[] pixels;

    public IconPixmap(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }
}
