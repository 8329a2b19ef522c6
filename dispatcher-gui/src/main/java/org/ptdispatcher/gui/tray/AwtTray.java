package org.ptdispatcher.gui.tray;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The tray of Windows and macOS (and of a Linux desktop that still has an XEmbed tray): AWT's
 * {@link SystemTray} with a {@link PopupMenu}. Every AWT call happens on AWT's event thread, never
 * the FX thread; the actions chosen are handed over on AWT's thread.
 */
final class AwtTray implements Tray {
    private final TrayIcon icon;
    private final Consumer<TrayAction> onAction;
    private final java.awt.Image connected = TrayIconImage.at(64, true);
    private final java.awt.Image disconnected = TrayIconImage.at(64, false);

    private AwtTray(TrayIcon icon, Consumer<TrayAction> onAction) {
        this.icon = icon;
        this.onAction = onAction;
    }

    /** The icon in the system's tray, or empty where AWT has none. Blocks until it is added: call it off the FX thread. */
    static Optional<Tray> start(TrayMenu first, Consumer<TrayAction> onAction) {
        AtomicReference<Tray> started = new AtomicReference<>();
        try {
            EventQueue.invokeAndWait(() -> {
                if (!SystemTray.isSupported()) {
                    return;
                }
                TrayIcon icon = new TrayIcon(TrayIconImage.at(64, first.connected()), first.status());
                icon.setImageAutoSize(true);
                AwtTray tray = new AwtTray(icon, onAction);
                icon.addActionListener(e -> onAction.accept(TrayAction.OPEN));
                tray.fill(first);
                try {
                    SystemTray.getSystemTray().add(icon);
                    started.set(tray);
                } catch (AWTException e) {
                    System.err.println("PT Dispatcher: no tray icon: " + e.getMessage());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException | RuntimeException | Error e) {
            // a headless JVM, or a toolkit that cannot start: no tray
            return Optional.empty();
        }
        return Optional.ofNullable(started.get());
    }

    @Override
    public void show(TrayMenu menu) {
        EventQueue.invokeLater(() -> fill(menu));
    }

    /** Builds the popup menu anew from {@code menu} (a handful of entries, changed a few times a session). */
    private void fill(TrayMenu menu) {
        PopupMenu popup = new PopupMenu();
        for (TrayItem item : menu.items()) {
            if (item.kind() == TrayItem.Kind.SEPARATOR) {
                popup.addSeparator();
                continue;
            }
            MenuItem entry = new MenuItem(item.label());
            entry.setEnabled(item.enabled());
            item.action().ifPresent(action -> entry.addActionListener(e -> onAction.accept(action)));
            popup.add(entry);
        }
        icon.setPopupMenu(popup);
        icon.setToolTip(menu.status());
        icon.setImage(menu.connected() ? connected : disconnected);
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
