package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.share.ProfileImport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The main window's state: the profiles, which one is selected, and the actions of the toolbar.
 * Profiles are saved as soon as they change. The rest are parts of their own that this one holds:
 * the selected profile's form ({@link ProfileFormViewModel}), every profile's run
 * ({@link RunRegistry}), the app's settings ({@link SettingsViewModel}) and the "try it" pair
 * ({@link DemoPair}). A status line says what just happened, or what went wrong, in words.
 */
public final class MainViewModel {
    /** A new profile's transport: the first of these the engine has (obfs4 is what most bridges use). */
    private static final List<String> DEFAULT_TRANSPORTS = List.of("obfs4", "shadow", "plain");
    /** Where a run gets to that the status line says; starting and stopping are said by the action that asked for them. */
    private static final Set<RunState> SAID_IN_THE_STATUS_LINE = EnumSet.of(RunState.RUNNING, RunState.RESTARTING, RunState.STOPPED,
            RunState.ENDED_ALONE, RunState.FAILED_TO_START);

    private final ProfileStore profileStore;
    private final TransportRegistry registry;
    private final Messages messages;
    private final StatusLine status;
    private final SettingsViewModel settings;
    private final RunRegistry runs;
    private final DemoPair demo;
    private final LaunchPlans plans;
    private final ProfileFormViewModel form;
    private final SystemProxyViewModel systemProxy;
    private final StablePorts ports;
    private final StartAtLoginViewModel startAtLogin;
    private final ConnectionAssistViewModel assist;

    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<Profile> selected = new SimpleObjectProperty<>(this, "selected");

    public MainViewModel(ProfileStore profileStore, SettingsStore settingsStore, TransportRegistry registry, Messages messages,
                         AppServices services) {
        this.profileStore = profileStore;
        this.registry = registry;
        this.messages = messages;
        this.status = new StatusLine(messages);
        this.settings = new SettingsViewModel(settingsStore, messages, services.engines(), services.files(), status);
        this.runs = new RunRegistry(services, this::follow);
        this.systemProxy = new SystemProxyViewModel(services.systemProxy(), services,
                profile -> registry.find(profile.transport()).map(Transport::carriesDestination).orElse(false),
                messages, status);
        this.demo = new DemoPair(services.demoEcho(), messages, status);
        this.ports = new StablePorts(services.demoEcho()::freePort);
        this.startAtLogin = new StartAtLoginViewModel(services.startAtLogin(), messages, status);
        this.plans = new LaunchPlans(registry, profileStore::defaultStateDirectory);
        this.assist = new ConnectionAssistViewModel(services, profile -> plans.planIfValid(profile, engineSetup()), status);
        this.form = new ProfileFormViewModel(registry, messages, settings.engineSetupProperty(), profileStore::defaultStateDirectory,
                services.files(), Profile.blank(Role.CLIENT, "", ""));
        try {
            profiles.setAll(profileStore.load());
        } catch (IOException e) {
            status.say(m -> m.get("status.loadFailed", profileStore.file(), e.getMessage()));
        }
        selected.addListener((o, old, now) -> showInForm(now));
        messages.languageProperty().addListener(o -> {
            renameDemoPair();
            status.sayAgain();
        });
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

    /** The system proxy switch. */
    public SystemProxyViewModel systemProxy() {
        return systemProxy;
    }

    /** "Test all" over the client profiles, and which of them is best ({@link ConnectionAssistViewModel}). */
    public ConnectionAssistViewModel assist() {
        return assist;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    /** "Start PT Dispatcher when I log in". */
    public StartAtLoginViewModel startAtLogin() {
        return startAtLogin;
    }

    public ObjectProperty<AppSettings> settingsProperty() {
        return settings.settingsProperty();
    }

    public BooleanProperty darkThemeProperty() {
        return settings.darkThemeProperty();
    }

    /** What just happened, in a sentence; empty when there is nothing to say. */
    public ReadOnlyStringProperty statusProperty() {
        return status.textProperty();
    }

    /** The run of {@code profile}, made on first use and kept while the app runs. */
    public RunViewModel runFor(Profile profile) {
        return runs.runFor(profile);
    }

    public Optional<RunViewModel> selectedRun() {
        return Optional.ofNullable(selected.get()).map(this::runFor);
    }

    public EngineSetup engineSetup() {
        return settings.engineSetup();
    }

    /**
     * A running engine does not pick up edits, so the form of the selected profile is locked while
     * its engine is active; and the status line says where each run got to ("Starting X…" is not
     * left standing once X runs, or ended).
     */
    private void follow(RunViewModel run) {
        String id = run.profile().id();
        run.stateProperty().addListener((o, old, now) -> {
            if (selected.get() != null && selected.get().id().equals(id)) {
                form.editableProperty().set(!now.isActive());
            }
            if (SAID_IN_THE_STATUS_LINE.contains(now)) {
                status.say(m -> m.get("status.runState", run.profile().name(), m.get("state." + now.name())));
            }
        });
    }

    // --- profiles ------------------------------------------------------------------------------

    public Profile newProfile(Role role) {
        String transport = DEFAULT_TRANSPORTS.stream().filter(t -> registry.find(t).isPresent()).findFirst()
                .orElse(registry.all().isEmpty() ? "" : registry.all().iterator().next().name());
        String name = messages.get(role == Role.CLIENT ? "profile.newClientName" : "profile.newServerName");
        return add(List.of(Profile.blank(role, name, transport))).get(0);
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
        runs.existing(edited.id()).ifPresent(run -> run.profileChanged(edited));
        selected.set(edited);
        status.say(m -> m.get("status.saved", nameNow(edited)));
        return true;
    }

    public Optional<Profile> duplicateSelected() {
        Profile source = selected.get();
        if (source == null) {
            return Optional.empty();
        }
        return Optional.of(add(List.of(source.copyAs(messages.get("profile.copyName", source.name())))).get(0));
    }

    /** Deletes the selected profile, stopping its engine first if it runs. */
    public void deleteSelected() {
        Profile victim = selected.get();
        if (victim == null) {
            return;
        }
        runs.remove(victim.id());
        if (connectsOnStart(victim)) {
            settings.setConnectOnStart("");
        }
        int index = indexOf(victim.id());
        profiles.remove(index);
        persist();
        selected.set(profiles.isEmpty() ? null : profiles.get(Math.min(index, profiles.size() - 1)));
        status.say(m -> m.get("status.deleted", victim.name()));
    }

    /** Imports pasted bridge lines and links: all of them, or (with problems) none. */
    public ProfileImport.Result importText(String text) {
        ProfileImport.Result result = ProfileImport.parse(text, plans.transportRefusal(engineSetup()), profiles);
        if (result.succeeded()) {
            add(result.profiles());
            status.say(m -> result.alreadyThere() == 0 ? m.get("status.imported", result.profiles().size())
                    : m.get("status.importedSkipped", result.profiles().size(), result.alreadyThere()));
        }
        return result;
    }

    /** Adds profiles, each with a fixed port of its own ({@link StablePorts}), and selects the last; returns them as added. */
    private List<Profile> add(List<Profile> made) {
        boolean engineChoosesClientPort = engineSetup().style() == LaunchCommand.Style.ENVIRONMENT;
        List<Profile> added = new ArrayList<>();
        for (Profile profile : made) {
            Profile withPort = ports.assign(profile, profiles, engineChoosesClientPort);
            profiles.add(withPort);
            added.add(withPort);
        }
        persist();
        selected.set(added.get(added.size() - 1));
        return added;
    }

    /** The "try it" pair's names follow the language, as long as they are the names the app gave them. */
    private void renameDemoPair() {
        boolean renamed = false;
        for (int i = 0; i < profiles.size(); i++) {
            Profile profile = profiles.get(i);
            boolean editing = selected.get() != null && selected.get().id().equals(profile.id()) && form.dirtyProperty().get();
            Optional<String> name = editing ? Optional.empty() : demo.renamedForLanguage(profile);
            if (name.isPresent()) {
                Profile now = profile.withName(name.get());
                profiles.set(i, now);
                runs.existing(now.id()).ifPresent(run -> run.profileChanged(now));
                if (selected.get() != null && selected.get().id().equals(now.id())) {
                    selected.set(now);
                }
                renamed = true;
            }
        }
        if (renamed) {
            persist();
        }
    }

    private boolean persist() {
        try {
            profileStore.save(profiles);
            return true;
        } catch (IOException e) {
            status.say(m -> m.get("status.saveFailed", profileStore.file(), e.getMessage()));
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
        profile = selected.get();
        if (profile.throughTor() || profile.torBridge()) {
            return startWithTor(profile);
        }
        Optional<LaunchPlan> plan = form.plan();
        if (plan.isEmpty()) {
            sayWhyNotStarted();
            return false;
        }
        return launch(selected.get(), plan.get());
    }

    /** Starts a saved profile that need not be the selected one ("try it" starts two). */
    private boolean start(Profile profile) {
        Optional<LaunchPlan> plan = plans.planIfValid(profile, engineSetup());
        if (plan.isEmpty()) {
            sayWhyNotStarted();
            return false;
        }
        return launch(profile, plan.get());
    }

    private void sayWhyNotStarted() {
        String why = engineSetup().program().isEmpty() ? "status.noEngine" : "status.fixFirst";
        status.say(m -> m.get(why));
    }

    /** A profile's name as it is now: the "try it" pair's names change with the language. */
    private String nameNow(Profile profile) {
        return profiles.stream().filter(p -> p.id().equals(profile.id())).findFirst().orElse(profile).name();
    }

    private boolean launch(Profile profile, LaunchPlan plan) {
        if (profile.demo() && profile.role() == Role.SERVER && !demo.prepare(profile)) {
            return false;
        }
        RunViewModel run = runFor(profile);
        run.profileChanged(profile);
        run.start(plan);
        settings.setLastProfile(profile.id());
        status.say(m -> m.get("status.starting", nameNow(profile)));
        return true;
    }

    /**
     * A client through Tor, or a server as a Tor bridge: tor as the app's child with the engine
     * as its transport. What cannot be set up (no tor, no engine, a line tor cannot take) is
     * explained by the run itself.
     */
    private boolean startWithTor(Profile profile) {
        form.refresh();
        if (!form.isValid()) {
            status.say(m -> m.get("status.fixFirst"));
            return false;
        }
        return launchWithTor(profile);
    }

    /** A profile already checked, through Tor (a client) or as a Tor bridge (a server). */
    private boolean launchWithTor(Profile profile) {
        RunViewModel run = runFor(profile);
        run.profileChanged(profile);
        settings.setLastProfile(profile.id());
        if (profile.isClient()) {
            run.connectThroughTor(TorRequests.connect(profile, settings.settingsProperty().get(), engineSetup(), profileStore.torDirectory(profile)));
            status.say(m -> m.get("status.connectingThroughTor", nameNow(profile)));
        } else {
            run.runAsBridge(TorRequests.bridge(profile, settings.settingsProperty().get(), engineSetup(), profileStore.torDirectory(profile)));
            status.say(m -> m.get("status.startingBridge", nameNow(profile)));
        }
        return true;
    }

    public CompletableFuture<Integer> stopSelected() {
        return selectedRun().map(RunViewModel::stop).orElse(CompletableFuture.completedFuture(-1));
    }

    /** Puts the system proxy back and stops every engine (the window is closing). */
    public CompletableFuture<Void> stopAll() {
        assist.killProbes();
        CompletableFuture<Void> restored = systemProxy.release();
        CompletableFuture<Void> stopped = runs.stopAll();
        demo.close();
        return CompletableFuture.allOf(restored, stopped);
    }

    /** Every engine still alive, for a last-resort kill when the app is forced down. */
    public List<RunViewModel> activeRuns() {
        return runs.active();
    }

    // --- connect on start ----------------------------------------------------------------------

    /** Whether {@code profile} is the one the app starts as soon as its window is up. */
    public boolean connectsOnStart(Profile profile) {
        return profile != null && profile.id().equals(settings.settingsProperty().get().connectOnStart());
    }

    /** Makes {@code profile} the one started with the app (un-naming any other: one at most), or none. */
    public void setConnectOnStart(Profile profile, boolean on) {
        if (on) {
            settings.setConnectOnStart(profile.id());
        } else if (connectsOnStart(profile)) {
            settings.setConnectOnStart("");
        }
    }

    /**
     * The window is up: starts the profile named to connect on start as Start would (through Tor
     * where it runs through Tor). A profile that is gone or cannot start only makes the status line say why.
     */
    public void connectOnStart() {
        String id = settings.settingsProperty().get().connectOnStart();
        if (id.isEmpty()) {
            return;
        }
        int index = indexOf(id);
        if (index < 0) {
            status.say(m -> m.get("status.connectOnStartMissing"));
            return;
        }
        selected.set(profiles.get(index));
        startSelected();
    }

    // --- the last profile (the tray's Connect and Disconnect) ---------------------------------

    /**
     * The profile the tray connects and disconnects: the one started last (remembered across
     * starts), or while none has been, or it was deleted, the selected one.
     */
    public Optional<Profile> lastProfile() {
        int index = indexOf(settings.settingsProperty().get().lastProfile());
        return index >= 0 ? Optional.of(profiles.get(index)) : Optional.ofNullable(selected.get());
    }

    /**
     * Starts {@code profile} as its Start button would (through Tor where it runs through Tor). The
     * profile in the form is started with the form's edits saved first, as Start does; another is
     * started as it was saved, and the form, with whatever is being typed into it, is left alone.
     */
    public boolean connect(Profile profile) {
        if (selected.get() != null && selected.get().id().equals(profile.id())) {
            return startSelected();
        }
        if (!profile.throughTor() && !profile.torBridge()) {
            return start(profile);
        }
        if (!plans.problems(profile, engineSetup()).isEmpty()) {
            status.say(m -> m.get("status.fixFirst"));
            return false;
        }
        return launchWithTor(profile);
    }

    /** Tests every client profile that runs directly, once each, in parallel ({@link ConnectionAssistViewModel#testAll}). */
    public boolean testAll() {
        return assist.testAll(List.copyOf(profiles));
    }

    /** Selects the best profile of the last "Test all" and starts it as Connect does; false when there is none. */
    public boolean connectBest() {
        Optional<Profile> best = assist.best().flatMap(b -> profiles.stream().filter(p -> p.id().equals(b.id())).findFirst());
        if (best.isEmpty()) {
            return false;
        }
        selected.set(best.get());
        return connect(best.get());
    }

    /** Stops {@code profile}'s run, if it has one. */
    public CompletableFuture<Integer> disconnect(Profile profile) {
        return runs.existing(profile.id()).map(RunViewModel::stop).orElse(CompletableFuture.completedFuture(-1));
    }

    // --- try it on this computer -----------------------------------------------------------------

    /**
     * Makes (once) the demo pair: a plain server on loopback forwarding to the app's echo service,
     * and a client whose connection test goes through the server; starts both (those not running
     * yet) and selects the client.
     */
    public void tryItHere() {
        Optional<Profile> server = demoProfile(Role.SERVER);
        Optional<Profile> client = demoProfile(Role.CLIENT);
        if (server.isEmpty() || client.isEmpty()) {
            List<Profile> pair = add(demo.make());
            server = Optional.of(pair.get(0));
            client = Optional.of(pair.get(1));
        }
        settings.markDemoOffered();
        for (Profile profile : List.of(server.get(), client.get())) {
            if (!runFor(profile).state().isActive()) {
                start(profile);
            }
        }
        selected.set(client.get());
    }

    private Optional<Profile> demoProfile(Role role) {
        return profiles.stream().filter(p -> p.demo() && p.role() == role).findFirst();
    }
}
