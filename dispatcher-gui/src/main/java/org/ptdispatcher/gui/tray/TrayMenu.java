package org.ptdispatcher.gui.tray;

import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.viewmodel.RunState;

import java.util.List;
import java.util.Optional;

/**
 * What the tray shows at one moment, the same for every backend: the status in a sentence (also
 * the icon's tooltip), then Connect or Disconnect of the last profile, Open and Quit. Immutable:
 * a backend is handed a new one when anything in it changes, and may read it from any thread.
 *
 * @param status the status line: the last profile and where its run is
 * @param items  the menu's entries, top to bottom
 * @param rightToLeft whether the menu reads from the right (Persian)
 * @param connected   whether the last profile runs: the icon is in the app's colours then, grey otherwise
 */
public record TrayMenu(String status, List<TrayItem> items, boolean rightToLeft, boolean connected) {
    public TrayMenu {
        items = List.copyOf(items);
    }

    /** The menu for the last profile ({@code empty}: there is no profile yet) whose run is in {@code state}. */
    public static TrayMenu describe(Messages messages, Optional<Profile> last, RunState state) {
        String status = last.map(p -> messages.get("tray.status", p.name(), messages.get("state." + state.name())))
                .orElse(messages.get("tray.status.noProfile"));
        return new TrayMenu(status, List.of(
                TrayItem.text(status),
                TrayItem.separator(),
                connectOrDisconnect(messages, last, state),
                TrayItem.command(messages.get("tray.open"), true, TrayAction.OPEN),
                TrayItem.separator(),
                TrayItem.command(messages.get("tray.quit"), true, TrayAction.QUIT)),
                messages.language().isRightToLeft(), last.isPresent() && state == RunState.RUNNING);
    }

    /** Disconnect while the run is up or on its way up (or back); Connect otherwise; neither can be chosen while it stops. */
    private static TrayItem connectOrDisconnect(Messages messages, Optional<Profile> last, RunState state) {
        if (last.isEmpty()) {
            return TrayItem.command(messages.get("tray.connect.none"), false, TrayAction.CONNECT_OR_DISCONNECT);
        }
        String name = last.get().name();
        if (state.isActive()) {
            return TrayItem.command(messages.get("tray.disconnect", name), state != RunState.STOPPING, TrayAction.CONNECT_OR_DISCONNECT);
        }
        return TrayItem.command(messages.get("tray.connect", name), true, TrayAction.CONNECT_OR_DISCONNECT);
    }

    /** The item that does {@code action}, if the menu has one. */
    public Optional<TrayItem> itemFor(TrayAction action) {
        return items.stream().filter(i -> i.action().equals(Optional.of(action))).findFirst();
    }
}
