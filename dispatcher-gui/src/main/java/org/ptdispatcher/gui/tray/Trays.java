package org.ptdispatcher.gui.tray;

import org.ptdispatcher.gui.tray.sni.StatusNotifierTray;

import java.awt.GraphicsEnvironment;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Picks the tray this desktop shows, once at start: on Linux (and the other Unixes) a
 * StatusNotifierItem when a watcher is on the session bus, else AWT's system tray where it is
 * supported (Windows, macOS, an XEmbed tray); else none, and closing the window quits as it
 * always did.
 */
public final class Trays {
    /**
     * {@code none}: no tray; a D-Bus address: a StatusNotifierItem on that bus or no tray. For the
     * window tests, whose app must not depend on the desktop they run on (a test with a private bus
     * and watcher of its own names that bus); users leave it unset.
     */
    public static final String BUS_PROPERTY = "ptdispatcher.trayBus";

    private Trays() {
    }

    /** The tray showing {@code first}, or empty. Blocks on the bus and on AWT's thread: call it off the FX thread. */
    public static Optional<Tray> start(TrayMenu first, Consumer<TrayAction> onAction) {
        String chosen = System.getProperty(BUS_PROPERTY, "");
        if (chosen.equals("none")) {
            return Optional.empty();
        }
        if (!chosen.isEmpty()) {
            return StatusNotifierTray.start(Optional.of(chosen), first, onAction);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("windows") && !os.startsWith("mac")) {
            Optional<Tray> item = StatusNotifierTray.start(Optional.empty(), first, onAction);
            if (item.isPresent()) {
                return item;
            }
        }
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.empty();
        }
        return AwtTray.start(first, onAction);
    }
}
