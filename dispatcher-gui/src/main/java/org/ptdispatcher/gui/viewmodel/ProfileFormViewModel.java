package org.ptdispatcher.gui.viewmodel;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.FieldProblem;
import org.ptdispatcher.gui.profile.OptionFields;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileField;
import org.ptdispatcher.gui.profile.TorMode;
import org.ptdispatcher.gui.share.ProfileImport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The profile form: every field as a property, the transport's option fields made from its
 * published {@link TransportOption}s (so a new transport needs no GUI code), the problems of each
 * field in the user's language, and a live preview of the exact launch. Options the transport does
 * not describe (or every option, for a transport only another engine knows) are edited as
 * {@code key=value} lines.
 */
public final class ProfileFormViewModel {
    private final TransportRegistry registry;
    private final LaunchPlans plans;
    private final Messages messages;
    private final ObservableValue<EngineSetup> engine;
    private final FileDialogs files;
    private Profile original;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(this, "role", Role.CLIENT);
    private final StringProperty transport = new SimpleStringProperty(this, "transport", "");
    private final ObjectProperty<ProxyMode> mode = new SimpleObjectProperty<>(this, "mode", ProxyMode.SOCKS5);
    private final StringProperty listen = new SimpleStringProperty(this, "listen", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty proxy = new SimpleStringProperty(this, "proxy", "");
    private final ObjectProperty<LogLevel> logLevel = new SimpleObjectProperty<>(this, "logLevel", LogLevel.INFO);
    private final StringProperty state = new SimpleStringProperty(this, "state", "");
    private final StringProperty testDestination = new SimpleStringProperty(this, "testDestination", "");
    private final StringProperty extraOptions = new SimpleStringProperty(this, "extraOptions", "");
    private final ObjectProperty<TorMode> torMode = new SimpleObjectProperty<>(this, "torMode", TorMode.DIRECT);
    private final StringProperty orPort = new SimpleStringProperty(this, "orPort", "");
    private final StringProperty moreBridges = new SimpleStringProperty(this, "moreBridges", "");
    private final ObservableList<OptionField> optionFields = FXCollections.observableArrayList();

    private final ObservableMap<String, String> problems = FXCollections.observableHashMap();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyBooleanWrapper targetUsed = new ReadOnlyBooleanWrapper(this, "targetUsed", true);
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private String copyText = "";
    private boolean loading;

    /**
     * @param engine       the engine set up in the settings; the form checks again when it changes
     * @param defaultState the state directory of a profile that names none
     */
    public ProfileFormViewModel(TransportRegistry registry, Messages messages, ObservableValue<EngineSetup> engine,
                                Function<Profile, Path> defaultState, FileDialogs files, Profile initial) {
        this.registry = registry;
        this.plans = new LaunchPlans(registry, defaultState);
        this.messages = messages;
        this.engine = engine;
        this.files = files;
        for (Observable field : List.of(name, role, transport, mode, listen, target, proxy, logLevel, state, testDestination, extraOptions,
                torMode, orPort, moreBridges)) {
            field.addListener(o -> changed());
        }
        transport.addListener((o, old, now) -> rebuildOptionFields());
        role.addListener((o, old, now) -> {
            // Not while a profile is loaded: its own mode follows (and may not be set yet).
            if (!loading && mode.get() != null && !modes().contains(mode.get())) {
                mode.set(ProxyMode.SOCKS5);
            }
        });
        messages.languageProperty().addListener(o -> refresh());
        engine.addListener(o -> refresh());
        load(initial);
    }

    /** Shows {@code profile}, discarding unsaved edits. */
    public void load(Profile profile) {
        loading = true;
        try {
            original = profile;
            name.set(profile.name());
            role.set(profile.role());
            transport.set(profile.transport());
            mode.set(profile.mode());
            listen.set(profile.listenAddress());
            target.set(profile.target());
            proxy.set(profile.upstreamProxy());
            logLevel.set(profile.logLevel());
            state.set(profile.stateDirectory());
            testDestination.set(profile.testDestination());
            torMode.set(profile.torMode());
            orPort.set(profile.orPort());
            moreBridges.set(String.join("\n", profile.moreBridges()));
            rebuildOptionFields(profile.options());
        } finally {
            loading = false;
        }
        dirty.set(false);
        refresh();
    }

    // --- fields --------------------------------------------------------------------------------

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Role> roleProperty() {
        return role;
    }

    public StringProperty transportProperty() {
        return transport;
    }

    public ObjectProperty<ProxyMode> modeProperty() {
        return mode;
    }

    public StringProperty listenProperty() {
        return listen;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty proxyProperty() {
        return proxy;
    }

    public ObjectProperty<LogLevel> logLevelProperty() {
        return logLevel;
    }

    public StringProperty stateDirectoryProperty() {
        return state;
    }

    public StringProperty testDestinationProperty() {
        return testDestination;
    }

    /** With or without Tor: through Tor for a client, as a Tor bridge for a server. */
    public ObjectProperty<TorMode> torModeProperty() {
        return torMode;
    }

    /** The choices of {@link #torModeProperty()} for the form's role. */
    /**
     * Whether the profile's target field means anything: not for a SOCKS5 client in the proxy model
     * (Shadowsocks with {@code serverAddress}), whose server is that option and whose destinations
     * the SOCKS requests name, so the form would otherwise show the server twice.
     */
    public ReadOnlyBooleanProperty targetUsedProperty() {
        return targetUsed.getReadOnlyProperty();
    }

    private static boolean usesTarget(Profile profile) {
        return !(profile.isClient() && profile.mode() == ProxyMode.SOCKS5 && !profile.options().getOrDefault(ProfileImport.SHADOW_SERVER, "").isBlank());
    }

    /**
     * The modes the role has. A server speaks no SOCKS: its stream mode serves clients in SOCKS5 and
     * in transparent TCP mode alike (the engine's default, so SOCKS5 stands for it).
     */
    public List<ProxyMode> modes() {
        return role.get() == Role.CLIENT ? List.of(ProxyMode.values()) : List.of(ProxyMode.SOCKS5, ProxyMode.TRANSPARENT_UDP, ProxyMode.STUN);
    }

    public List<TorMode> torModes() {
        return role.get() == Role.CLIENT ? List.of(TorMode.THROUGH_TOR, TorMode.DIRECT)
                : List.of(TorMode.DIRECT, TorMode.PRIVATE_BRIDGE, TorMode.PUBLIC_BRIDGE);
    }

    /** A bridge's ORPort (empty: a free one). */
    public StringProperty orPortProperty() {
        return orPort;
    }

    /** A client through Tor: more bridge lines, one per line (blank lines are left out). */
    public StringProperty moreBridgesProperty() {
        return moreBridges;
    }

    /** Options the transport does not describe, one {@code key=value} per line. */
    public StringProperty extraOptionsProperty() {
        return extraOptions;
    }

    /** The described options of the current transport for this role, rebuilt when the transport changes. */
    public ObservableList<OptionField> optionFields() {
        return optionFields;
    }

    /** False while the profile's engine runs: a running engine does not pick up edits. */
    public BooleanProperty editableProperty() {
        return editable;
    }

    /** "Browse…" for the state directory: the folder chosen, if one was, becomes the field's value. */
    public void chooseStateDirectory() {
        files.chooseDirectory(messages.get("form.state"), typedPath(state.get()))
                .ifPresent(dir -> state.set(dir.toAbsolutePath().toString()));
    }

    private static Optional<Path> typedPath(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text.trim()));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Transports the engine has that the form does not offer: the Optimizer's options are a JSON list of
     * other transports with their own options, which this form's one field per option cannot edit yet
     * (issue 19's Connection Assist is to hold several bridges in a profile instead).
     */
    static final Set<String> NOT_OFFERED = Set.of("Optimizer");

    /** Transport names to offer: those of the built-in engine the form can edit; any other name may be typed. */
    public List<String> knownTransports() {
        return registry.all().stream().map(Transport::name).filter(name -> !NOT_OFFERED.contains(name)).toList();
    }

    public Optional<Transport> describedTransport() {
        return registry.find(transport.get() == null ? "" : transport.get().trim());
    }

    /**
     * What the transport is, in a sentence: the translation where there is one, else the
     * transport's own summary; for a name only another engine knows, a sentence saying so.
     */
    public String transportSummary() {
        Optional<Transport> described = describedTransport();
        if (described.isPresent()) {
            String key = "transport." + described.get().name() + ".summary";
            return messages.has(key) ? messages.get(key) : described.get().summary();
        }
        return transport.get() == null || transport.get().isBlank() ? "" : messages.get("form.transport.other");
    }

    // --- checks and preview --------------------------------------------------------------------

    /** Problems by field ({@link ProfileField} names), each one sentence in the user's language. */
    public ObservableMap<String, String> problems() {
        return problems;
    }

    /**
     * What a screen reader gives as a field's help: its problem while it has one, otherwise (for
     * a transport option) the option's sentence; empty for other fields without a problem.
     */
    public Optional<String> accessibleHelp(String field) {
        String problem = problems.get(field);
        if (problem != null) {
            return Optional.of(problem);
        }
        return optionFields.stream().filter(o -> ProfileField.option(o.name()).equals(field)).findFirst().map(OptionField::help);
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The launch as it will run, secrets hidden; or a sentence saying why there is none yet. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The launch with secrets, for the clipboard; empty while the profile is not valid. */
    public String copyText() {
        return copyText;
    }

    /** The profile as the form shows it now. */
    public Profile toProfile() {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionField field : optionFields) {
            String value = field.valueProperty().get() == null ? "" : field.valueProperty().get().trim();
            if (!value.isEmpty()) {
                options.put(field.name(), value);
            }
        }
        options.putAll(parseExtraOptions(extraOptions.get()).values);
        return original.toBuilder().name(name.get()).role(role.get()).transport(transport.get()).mode(mode.get())
                .listenAddress(listen.get()).target(target.get()).upstreamProxy(proxy.get()).logLevel(logLevel.get())
                .stateDirectory(state.get()).options(options).testDestination(testDestination.get()).torMode(torMode.get())
                .orPort(orPort.get()).moreBridges(bridgeLines(moreBridges.get())).build();
    }

    /** The launch plan, if the profile is valid and an engine was found. */
    public Optional<LaunchPlan> plan() {
        refresh();
        EngineSetup setup = engine.getValue();
        if (!valid.get() || setup.program().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plans.plan(toProfile(), setup.program().get(), setup));
    }

    /** Marks the current content as saved. */
    public void markSaved() {
        original = toProfile();
        dirty.set(false);
    }

    /** Re-checks and re-renders: after any edit, a change of language, or of the engine setting. */
    public void refresh() {
        if (loading) {
            return;
        }
        EngineSetup setup = engine.getValue();
        Profile profile = toProfile();
        targetUsed.set(usesTarget(profile));
        List<FieldProblem> found = new ArrayList<>(plans.problems(profile, setup));
        ExtraOptions extra = parseExtraOptions(extraOptions.get());
        extra.badLine.ifPresent(line -> found.add(FieldProblem.of(ProfileField.EXTRA_OPTIONS, "problem.extraOptions.malformed", line)));
        Map<String, String> localized = new HashMap<>();
        for (FieldProblem problem : found) {
            localized.putIfAbsent(problem.field(), messages.get(problem.messageKey(), problem.args().toArray()));
        }
        problems.keySet().retainAll(localized.keySet());
        problems.putAll(localized);
        valid.set(found.isEmpty());
        if (setup.program().isEmpty()) {
            preview.set(messages.get("preview.noEngine"));
            copyText = "";
        } else if (!found.isEmpty()) {
            preview.set(messages.get("preview.fixFirst"));
            copyText = "";
        } else {
            LaunchPlan plan = plans.plan(profile, setup.program().get(), setup);
            preview.set(plan.maskedShellText());
            copyText = plan.shellText();
        }
    }

    private void changed() {
        if (loading) {
            return;
        }
        dirty.set(true);
        refresh();
    }

    private void rebuildOptionFields() {
        if (loading) {
            return;
        }
        rebuildOptionFields(toProfileOptionsSnapshot());
        changed();
    }

    private Map<String, String> toProfileOptionsSnapshot() {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionField field : optionFields) {
            options.put(field.name(), field.valueProperty().get());
        }
        options.putAll(parseExtraOptions(extraOptions.get()).values);
        return options;
    }

    /** Splits {@code options} between the described fields and the free-form lines. */
    private void rebuildOptionFields(Map<String, String> options) {
        Map<String, String> rest = new LinkedHashMap<>(options);
        List<OptionField> fields = new ArrayList<>();
        Optional<Transport> described = describedTransport();
        if (described.isPresent()) {
            for (TransportOption option : OptionFields.forRole(described.get(), role.get())) {
                String value = rest.remove(option.name());
                OptionField field = new OptionField(option, optionHelp(described.get(), option), value == null ? "" : value);
                field.valueProperty().addListener(o -> changed());
                fields.add(field);
            }
        }
        boolean wasLoading = loading;
        loading = true;
        optionFields.setAll(fields);
        StringBuilder lines = new StringBuilder();
        rest.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                lines.append(k).append('=').append(v).append('\n');
            }
        });
        extraOptions.set(lines.toString());
        loading = wasLoading;
    }

    /**
     * The option's sentence in the user's language, where the bundles have one; else the transport's own.
     * The key is {@code option.<transport>.<name>}, but a transport may describe one name twice, once
     * per side, in different words (obfs4's {@code node-id}: the bridge's ID from its line for a
     * client, the server's own key for a server), so {@code option.<transport>.<name>.client} or
     * {@code .server} comes first for an option of one side.
     */
    private String optionHelp(Transport transport, TransportOption option) {
        String key = "option." + transport.name() + "." + option.name();
        if (option.side() != TransportOption.Side.BOTH) {
            String sideKey = key + "." + option.side().name().toLowerCase(Locale.ROOT);
            if (messages.has(sideKey)) {
                return messages.get(sideKey);
            }
        }
        return messages.has(key) ? messages.get(key) : option.description();
    }

    /** The more-bridges text as lines, blank ones left out (a problem's "bridge N" counts these). */
    static List<String> bridgeLines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Free-form option lines: {@code key=value}; blank lines and {@code #} comments skipped. */
    record ExtraOptions(Map<String, String> values, Optional<String> badLine) {
    }

    static ExtraOptions parseExtraOptions(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null) {
            return new ExtraOptions(values, Optional.empty());
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                // The line number, not the text: the line may hold a secret.
                return new ExtraOptions(values, Optional.of(String.valueOf(i + 1)));
            }
            values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        return new ExtraOptions(values, Optional.empty());
    }
}
