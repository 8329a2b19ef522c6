package org.ptdispatcher.gui.tray;

/**
 * A tray icon with its menu, whatever shows it (a StatusNotifierItem host on Linux, AWT's system
 * tray elsewhere). Called on the FX thread; a backend does its own work on its own thread, and
 * hands the actions chosen to the consumer it was started with, on that thread.
 */
public interface Tray extends AutoCloseable {
    /** Shows {@code menu} from now on (and its status as the tooltip). */
    void show(TrayMenu menu);

    /** Takes the icon away. */
    @Override
    void close();
}
