package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.engine.EngineFinder;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.tor.TorFailureText;
import org.ptdispatcher.gui.tor.TorLocator;
import org.ptdispatcher.gui.tor.TorSetupException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The app's settings: which engine runs the profiles (found once per change of the setting, not
 * on every keystroke in a form), which tor the runs with Tor start, the language and the theme,
 * the profile to connect when the app starts, saved as soon as they change.
 */
public final class SettingsViewModel {
    private final SettingsStore store;
    private final Messages messages;
    private final EngineFinder engines;
    private final FileDialogs files;
    private final StatusLine status;

    private final ObjectProperty<AppSettings> settings = new SimpleObjectProperty<>(this, "settings");
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme", false);
    private final ReadOnlyObjectWrapper<EngineSetup> engineSetup = new ReadOnlyObjectWrapper<>(this, "engineSetup");
    private final BooleanProperty trayShown = new SimpleBooleanProperty(this, "trayShown", false);

    public SettingsViewModel(SettingsStore store, Messages messages, EngineFinder engines, FileDialogs files, StatusLine status) {
        this.store = store;
        this.messages = messages;
        this.engines = engines;
        this.files = files;
        this.status = status;
        AppSettings loaded = store.load();
        settings.set(loaded);
        darkTheme.set(loaded.darkTheme());
        Language.forTag(loaded.language()).ifPresent(messages.languageProperty()::set);
        engineSetup.set(resolve(loaded));
        settings.addListener((o, old, now) -> {
            if (!Objects.equals(old.engineProgram(), now.engineProgram()) || old.launchStyle() != now.launchStyle()) {
                engineSetup.set(resolve(now));
            }
        });
        messages.languageProperty().addListener((o, old, now) -> save(settings.get().withLanguage(now.tag())));
        darkTheme.addListener((o, old, now) -> save(settings.get().withDarkTheme(now)));
    }

    public ObjectProperty<AppSettings> settingsProperty() {
        return settings;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** The engine the profiles run with and how it is configured, found again only when that setting changes. */
    public ReadOnlyObjectProperty<EngineSetup> engineSetupProperty() {
        return engineSetup.getReadOnlyProperty();
    }

    public EngineSetup engineSetup() {
        return engineSetup.get();
    }

    /** The ptdispatcher that came with the app, if this copy can find it (the engine settings say which). */
    public Optional<EngineProgram> builtInEngine() {
        return engines.builtIn();
    }

    /** "Browse…" for another engine: the program chosen, if one was. */
    public Optional<Path> chooseEngineProgram() {
        return files.chooseFileToOpen(messages.get("engine.browse"));
    }

    /** "Browse…" for the tor program (for example the one inside Tor Browser): the file chosen, if one was. */
    public Optional<Path> chooseTorProgram() {
        return files.chooseFileToOpen(messages.get("engine.tor.browse"));
    }

    /** The tor the Tor runs use, remembered in the settings; empty: the one installed on this computer (PATH). */
    public void setTor(String program) {
        save(settings.get().withTor(program == null ? "" : program.trim()));
    }

    /** The tor program a run would start now with {@code chosen} ({@code TorLocator}), or why there is none, in words. */
    public String torFound(String chosen) {
        try {
            return messages.get("engine.tor.found", TorLocator.locate(chosen == null ? "" : chosen).toString());
        } catch (TorSetupException e) {
            return TorFailureText.explain(e.failure(), (key, args) -> messages.get(key, args.toArray()));
        }
    }

    public void setEngine(String program, LaunchCommand.Style style) {
        save(settings.get().withEngine(program, style));
    }

    /** The profile the app starts as soon as its window is up; empty: none. One profile at most, so naming one un-names the other. */
    void setConnectOnStart(String profileId) {
        save(settings.get().withConnectOnStart(profileId));
    }

    /** Whether the app shows a tray icon (the app sets it once its tray is up); without one, closing the window quits. */
    public BooleanProperty trayShownProperty() {
        return trayShown;
    }

    /** Whether closing the window leaves the app running in the tray: there is a tray, and the setting is on (its default). */
    public boolean keepsRunningInTray() {
        return trayShown.get() && !settings.get().quitOnClose();
    }

    /** The profile started last: the one the tray's Connect starts. */
    void setLastProfile(String profileId) {
        if (!profileId.equals(settings.get().lastProfile())) {
            save(settings.get().withLastProfile(profileId));
        }
    }

    /** "Keep running in the tray when the window is closed", turned off (true) or on. */
    public void setQuitOnClose(boolean quit) {
        save(settings.get().withQuitOnClose(quit));
    }

    /** The "try it on this computer" pair has been offered once. */
    void markDemoOffered() {
        save(settings.get().withDemoOffered());
    }

    private EngineSetup resolve(AppSettings s) {
        return new EngineSetup(engines.resolve(s.engineProgram()), s.launchStyle());
    }

    private void save(AppSettings changed) {
        settings.set(changed);
        try {
            store.save(changed);
        } catch (IOException e) {
            status.say(m -> m.get("status.saveFailed", "settings.json", e.getMessage()));
        }
    }
}
