package org.ptdispatcher.gui.tray;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.viewmodel.MainViewModel;
import org.ptdispatcher.gui.viewmodel.RunState;
import org.ptdispatcher.gui.viewmodel.RunViewModel;

import java.util.Optional;

/**
 * The tray menu kept up to date from the main view model: a new {@link TrayMenu} whenever the last
 * profile, its name, its run's state or the language changes; and the one action that is the view
 * model's, Connect or Disconnect of that profile. Lives on the FX thread, as the view models do.
 */
public final class TrayMenuModel {
    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<TrayMenu> menu = new ReadOnlyObjectWrapper<>(this, "menu");
    private final ChangeListener<RunState> runChanged = (o, old, now) -> refresh();
    /** The run whose state the menu follows now: the last profile's (it changes when another profile starts). */
    private RunViewModel followed;

    public TrayMenuModel(MainViewModel main) {
        this.main = main;
        main.profiles().addListener((javafx.beans.Observable o) -> refresh());
        main.selectedProperty().addListener((o, old, now) -> refresh());
        main.settingsProperty().addListener((o, old, now) -> refresh());
        main.messages().languageProperty().addListener((o, old, now) -> refresh());
        refresh();
    }

    /** The menu as it is now; a new value at each change (never the same one changed). */
    public ReadOnlyObjectProperty<TrayMenu> menuProperty() {
        return menu.getReadOnlyProperty();
    }

    public TrayMenu menu() {
        return menu.get();
    }

    /** Connect the last profile as its Start would, or disconnect it while it runs. */
    public void connectOrDisconnect() {
        Optional<Profile> last = main.lastProfile();
        if (last.isEmpty()) {
            return;
        }
        RunState state = main.runFor(last.get()).state();
        if (state.isActive()) {
            main.disconnect(last.get());
        } else {
            main.connect(last.get());
        }
    }

    private void refresh() {
        Optional<Profile> last = main.lastProfile();
        RunViewModel run = last.map(main::runFor).orElse(null);
        if (run != followed) {
            if (followed != null) {
                followed.stateProperty().removeListener(runChanged);
            }
            followed = run;
            if (run != null) {
                run.stateProperty().addListener(runChanged);
            }
        }
        TrayMenu now = TrayMenu.describe(main.messages(), last, run == null ? RunState.IDLE : run.state());
        if (!now.equals(menu.get())) {
            menu.set(now);
        }
    }
}
