package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.share.ProfileImport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The main window's state: the profiles, which one is selected, its form and its run, the app's
 * settings (engine, language, theme), and the actions of the toolbar. Profiles are saved as soon
 * as they change. A status line says what just happened, or what went wrong, in words.
 */
public final class MainViewModel {
    /** A new profile's transport: the first of these the engine has (obfs4 is what most bridges use). */
    private static final List<String> DEFAULT_TRANSPORTS = List.of("obfs4", "shadow", "plain");

    private final ProfileStore profileStore;
    private final SettingsStore settingsStore;
    private final TransportRegistry registry;
    private final Messages messages;
    private final AppServices services;

    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<Profile> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<AppSettings> settings = new SimpleObjectProperty<>(this, "settings");
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Map<String, RunViewModel> runs = new HashMap<>();
    private final ProfileFormViewModel form;

    public MainViewModel(ProfileStore profileStore, SettingsStore settingsStore, TransportRegistry registry, Messages messages,
                         AppServices services) {
        this.profileStore = profileStore;
        this.settingsStore = settingsStore;
        this.registry = registry;
        this.messages = messages;
        this.services = services;
        AppSettings loaded = settingsStore.load();
        settings.set(loaded);
        darkTheme.set(loaded.darkTheme());
        Language.forTag(loaded.language()).ifPresent(messages.languageProperty()::set);
        this.form = new ProfileFormViewModel(registry, messages, this::engineSetup, profileStore::defaultStateDirectory,
                services.files(), Profile.blank(Role.CLIENT, "", ""));
        try {
            profiles.setAll(profileStore.load());
        } catch (IOException e) {
            status.set(messages.get("status.loadFailed", profileStore.file(), e.getMessage()));
        }
        selected.addListener((o, old, now) -> showInForm(now));
        settings.addListener(o -> form.refresh());
        messages.languageProperty().addListener((o, old, now) -> saveSettings(settings.get().withLanguage(now.tag())));
        darkTheme.addListener((o, old, now) -> saveSettings(settings.get().withDarkTheme(now)));
        if (!profiles.isEmpty()) {
            selected.set(profiles.get(0));
        }
    }

    // --- state ---------------------------------------------------------------------------------

    public ObservableList<Profile> profiles() {
        return profiles;
    }

    public ObjectProperty<Profile> selectedProperty() {
        return selected;
    }

    public ProfileFormViewModel form() {
        return form;
    }

    public Messages messages() {
        return messages;
    }

    public ObjectProperty<AppSettings> settingsProperty() {
        return settings;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** What just happened, in a sentence; empty when there is nothing to say. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The run of {@code profile}, made on first use and kept while the app runs. */
    public RunViewModel runFor(Profile profile) {
        return runs.computeIfAbsent(profile.id(), id -> {
            RunViewModel run = new RunViewModel(profile, services);
            // A running engine does not pick up edits, so its form is locked until it ends.
            run.stateProperty().addListener((o, old, now) -> {
                if (selected.get() != null && selected.get().id().equals(id)) {
                    form.editableProperty().set(!now.isActive());
                }
            });
            return run;
        });
    }

    public Optional<RunViewModel> selectedRun() {
        return Optional.ofNullable(selected.get()).map(this::runFor);
    }

    public ProfileFormViewModel.EngineSetup engineSetup() {
        AppSettings s = settings.get();
        return new ProfileFormViewModel.EngineSetup(services.engines().resolve(s.engineProgram()), s.launchStyle());
    }

    /** The ptdispatcher that came with the app, if this copy can find it (the engine settings say which). */
    public Optional<EngineProgram> builtInEngine() {
        return services.engines().builtIn();
    }

    /** "Browse…" for another engine: the program chosen, if one was. */
    public Optional<Path> chooseEngineProgram() {
        return services.files().chooseFileToOpen(messages.get("engine.browse"));
    }

    // --- profiles ------------------------------------------------------------------------------

    public Profile newProfile(Role role) {
        String transport = DEFAULT_TRANSPORTS.stream().filter(t -> registry.find(t).isPresent()).findFirst()
                .orElse(registry.all().isEmpty() ? "" : registry.all().iterator().next().name());
        String name = messages.get(role == Role.CLIENT ? "profile.newClientName" : "profile.newServerName");
        Profile profile = Profile.blank(role, name, transport);
        if (role == Role.SERVER) {
            profile = profile.toBuilder().listenAddress("127.0.0.1:0").build();
        }
        add(List.of(profile));
        return profile;
    }

    /** Saves the form into its profile. */
    public boolean saveForm() {
        Profile edited = form.toProfile();
        int index = indexOf(edited.id());
        if (index < 0) {
            return false;
        }
        profiles.set(index, edited);
        if (!persist()) {
            return false;
        }
        form.markSaved();
        RunViewModel run = runs.get(edited.id());
        if (run != null) {
            run.profileChanged(edited);
        }
        selected.set(edited);
        status.set(messages.get("status.saved", edited.name()));
        return true;
    }

    public Optional<Profile> duplicateSelected() {
        Profile source = selected.get();
        if (source == null) {
            return Optional.empty();
        }
        Profile copy = source.copyAs(messages.get("profile.copyName", source.name()));
        add(List.of(copy));
        return Optional.of(copy);
    }

    /** Deletes the selected profile, stopping its engine first if it runs. */
    public void deleteSelected() {
        Profile victim = selected.get();
        if (victim == null) {
            return;
        }
        RunViewModel run = runs.remove(victim.id());
        if (run != null) {
            run.stop();
        }
        int index = indexOf(victim.id());
        profiles.remove(index);
        persist();
        selected.set(profiles.isEmpty() ? null : profiles.get(Math.min(index, profiles.size() - 1)));
        status.set(messages.get("status.deleted", victim.name()));
    }

    /** Imports pasted bridge lines and links: all of them, or (with problems) none. */
    public ProfileImport.Result importText(String text) {
        ProfileImport.Result result = ProfileImport.parse(text);
        if (result.succeeded()) {
            add(result.profiles());
            status.set(messages.get("status.imported", result.profiles().size()));
        }
        return result;
    }

    private void add(List<Profile> added) {
        profiles.addAll(added);
        persist();
        selected.set(added.get(added.size() - 1));
    }

    private boolean persist() {
        try {
            profileStore.save(profiles);
            return true;
        } catch (IOException e) {
            status.set(messages.get("status.saveFailed", profileStore.file(), e.getMessage()));
            return false;
        }
    }

    private void showInForm(Profile profile) {
        if (profile == null) {
            return;
        }
        form.load(profile);
        form.editableProperty().set(!runFor(profile).state().isActive());
    }

    private int indexOf(String id) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    // --- running -------------------------------------------------------------------------------

    /**
     * Saves the form and starts the selected profile's engine.
     *
     * @return false if the form has problems (they are marked at the fields) or no engine was found
     */
    public boolean startSelected() {
        Profile profile = selected.get();
        if (profile == null) {
            return false;
        }
        if (form.dirtyProperty().get() && !saveForm()) {
            return false;
        }
        Optional<LaunchPlan> plan = form.plan();
        if (plan.isEmpty()) {
            status.set(messages.get(engineSetup().program().isEmpty() ? "status.noEngine" : "status.fixFirst"));
            return false;
        }
        Profile current = selected.get();
        if (current.demo() && current.role() == Role.SERVER && !ensureDemoEcho(current)) {
            return false;
        }
        RunViewModel run = runFor(current);
        run.profileChanged(current);
        run.start(plan.get());
        status.set(messages.get("status.starting", current.name()));
        return true;
    }

    public CompletableFuture<Integer> stopSelected() {
        return selectedRun().map(RunViewModel::stop).orElse(CompletableFuture.completedFuture(-1));
    }

    /** Stops every engine (the window is closing). */
    public CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Integer>> stops = new ArrayList<>();
        for (RunViewModel run : runs.values()) {
            stops.add(run.stop());
        }
        services.demoEcho().close();
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    /** Every engine still alive, for a last-resort kill when the app is forced down. */
    public List<RunViewModel> activeRuns() {
        return runs.values().stream().filter(r -> r.state().isActive()).toList();
    }

    // --- try it on this computer -----------------------------------------------------------------

    /**
     * Makes (once) the demo pair: a plain server on loopback forwarding to the app's echo service,
     * and a client whose connection test goes through the server; starts both and selects the client.
     */
    public void tryItHere() {
        Profile server = profiles.stream().filter(p -> p.demo() && p.role() == Role.SERVER).findFirst().orElse(null);
        Profile client = profiles.stream().filter(p -> p.demo() && p.role() == Role.CLIENT).findFirst().orElse(null);
        if (server == null || client == null) {
            int serverPort = services.demoEcho().freePort();
            int echoPort = services.demoEcho().freePort();
            String serverAddress = "127.0.0.1:" + serverPort;
            server = Profile.builder(Role.SERVER).name(messages.get("demo.serverName")).transport("plain").listenAddress(serverAddress)
                    .target("127.0.0.1:" + echoPort).demo(true).build();
            client = Profile.builder(Role.CLIENT).name(messages.get("demo.clientName")).transport("plain").target(serverAddress)
                    .testDestination(serverAddress).demo(true).build();
            add(List.of(server, client));
        }
        saveSettings(settings.get().withDemoOffered());
        selected.set(server);
        if (!runFor(server).state().isActive()) {
            startSelected();
        }
        selected.set(client);
        if (!runFor(client).state().isActive()) {
            startSelected();
        }
    }

    private boolean ensureDemoEcho(Profile server) {
        int port = HostPort.parseDestination(server.target()).port();
        try {
            services.demoEcho().listenOn(port);
            return true;
        } catch (IOException e) {
            status.set(messages.get("status.demoEchoFailed", String.valueOf(port), e.getMessage()));
            return false;
        }
    }

    // --- settings ------------------------------------------------------------------------------

    public void setEngine(String program, LaunchCommand.Style style) {
        saveSettings(settings.get().withEngine(program, style));
    }

    private void saveSettings(AppSettings changed) {
        settings.set(changed);
        try {
            settingsStore.save(changed);
        } catch (IOException e) {
            status.set(messages.get("status.saveFailed", "settings.json", e.getMessage()));
        }
    }
}
