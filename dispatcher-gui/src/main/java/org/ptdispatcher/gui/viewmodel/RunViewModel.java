package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.engine.EngineLauncher;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.engine.OutputLine;
import org.ptdispatcher.gui.engine.RunningEngine;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.share.ShareText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The live state of one profile's engine: what the child announced (version, proxies, server
 * addresses with their share text), its errors explained, how it ended, and its log. All changes
 * happen on the delivery executor's thread (the FX thread in the app), so views bind directly.
 */
public final class RunViewModel {
    /** How many of the last lines are kept to show when an engine dies on its own. */
    static final int LAST_LINES = 8;
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(20);

    private final AppServices services;
    private Profile profile;

    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper(this, "version", "");
    private final ObservableList<ProxyEndpoint> proxies = FXCollections.observableArrayList();
    private final ObservableList<ServerEndpoint> servers = FXCollections.observableArrayList();
    private final ObservableList<Explanation> problems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Explanation> ending = new ReadOnlyObjectWrapper<>(this, "ending");
    private final ObservableList<String> lastLines = FXCollections.observableArrayList();
    private final Deque<String> recent = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<Long> pid = new ReadOnlyObjectWrapper<>(this, "pid");

    private final ObservableList<LogEntry> log = FXCollections.observableArrayList();
    private final ObjectProperty<LogLevel> logLevelFilter = new SimpleObjectProperty<>(this, "logLevelFilter", LogLevel.DEBUG);
    private final StringProperty logSearch = new SimpleStringProperty(this, "logSearch", "");
    private final FilteredList<LogEntry> visibleLog = new FilteredList<>(log, e -> true);
    // Read-only views, made once: a view made per call would be collected, and the listeners on it lost.
    private final ObservableList<ProxyEndpoint> proxiesView = FXCollections.unmodifiableObservableList(proxies);
    private final ObservableList<ServerEndpoint> serversView = FXCollections.unmodifiableObservableList(servers);
    private final ObservableList<Explanation> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<String> lastLinesView = FXCollections.unmodifiableObservableList(lastLines);
    private final ObservableList<LogEntry> logView = FXCollections.unmodifiableObservableList(log);

    private final StringProperty testDestination = new SimpleStringProperty(this, "testDestination", "");
    private final BooleanProperty testing = new SimpleBooleanProperty(this, "testing", false);
    private final ReadOnlyObjectWrapper<ConnectionTestResult> testResult = new ReadOnlyObjectWrapper<>(this, "testResult");

    private RunningEngine run;
    private boolean stopRequested;

    public RunViewModel(Profile profile, AppServices services) {
        this.profile = profile;
        this.services = services;
        this.testDestination.set(defaultTestDestination(profile));
        logLevelFilter.addListener(o -> refilter());
        logSearch.addListener(o -> refilter());
    }

    // --- state for views ---------------------------------------------------------------------

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState state() {
        return state.get();
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ObservableList<ProxyEndpoint> proxies() {
        return proxiesView;
    }

    public ObservableList<ServerEndpoint> servers() {
        return serversView;
    }

    public ObservableList<Explanation> problems() {
        return problemsView;
    }

    /** How the last run ended; null while running or before the first run. */
    public ReadOnlyObjectProperty<Explanation> endingProperty() {
        return ending.getReadOnlyProperty();
    }

    /** The last lines the child wrote, shown when it ended on its own. */
    public ObservableList<String> lastLines() {
        return lastLinesView;
    }

    public ReadOnlyObjectProperty<Long> pidProperty() {
        return pid.getReadOnlyProperty();
    }

    public Optional<RunningEngine> engineRun() {
        return Optional.ofNullable(run);
    }

    public Profile profile() {
        return profile;
    }

    /** The profile was edited while this run exists: later share text and tests use the new one. */
    public void profileChanged(Profile changed) {
        boolean destinationWasDefault = testDestination.get().equals(defaultTestDestination(profile));
        this.profile = changed;
        if (destinationWasDefault) {
            testDestination.set(defaultTestDestination(changed));
        }
    }

    // --- log ---------------------------------------------------------------------------------

    public ObservableList<LogEntry> log() {
        return logView;
    }

    /** The log as the filter and search show it. */
    public ObservableList<LogEntry> visibleLog() {
        return visibleLog;
    }

    /** The most detailed level shown: INFO hides DEBUG lines, ERROR shows only errors. */
    public ObjectProperty<LogLevel> logLevelFilterProperty() {
        return logLevelFilter;
    }

    public StringProperty logSearchProperty() {
        return logSearch;
    }

    /** A log that could not be written: where, and the system's reason. */
    public record SaveFailure(Path file, String reason) {
    }

    /**
     * Asks where to save the visible log ({@code title} names the chooser) and writes it there.
     *
     * @return why it could not be written; empty when it was saved, or the person cancelled
     */
    public Optional<SaveFailure> saveVisibleLog(String title) {
        Optional<Path> file = services.files().chooseFileToSave(title, "ptdispatcher-log.txt");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.writeString(file.get(), visibleLogText(), StandardCharsets.UTF_8);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new SaveFailure(file.get(), String.valueOf(e.getMessage())));
        }
    }

    /** The visible log as text, for Copy and Save. */
    public String visibleLogText() {
        return visibleLog.stream().map(LogEntry::display).collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator()));
    }

    private void refilter() {
        LogLevel threshold = logLevelFilter.get();
        String search = logSearch.get() == null ? "" : logSearch.get().trim().toLowerCase(Locale.ROOT);
        visibleLog.setPredicate(e -> threshold.admits(e.level())
                && (search.isEmpty() || e.text().toLowerCase(Locale.ROOT).contains(search)));
    }

    // --- start and stop ----------------------------------------------------------------------

    /** Starts the engine for {@code plan}; a program that cannot start ends in FAILED_TO_START with the reason. */
    public void start(LaunchPlan plan) {
        if (state.get().isActive()) {
            return;
        }
        resetForStart();
        state.set(RunState.STARTING);
        appLog(LogLevel.INFO, "starting: " + plan.maskedShellText());
        try {
            run = services.launcher().start(plan, new EngineLauncher.Listener() {
                @Override
                public void onLine(OutputLine line) {
                    accept(line);
                }

                @Override
                public void onExit(int exitCode) {
                    exited(exitCode);
                }
            }, services.delivery());
            pid.set(run.pid());
        } catch (IOException e) {
            run = null;
            state.set(RunState.FAILED_TO_START);
            String reason = String.valueOf(e.getMessage());
            appLog(LogLevel.ERROR, "could not start: " + reason);
            ending.set(new Explanation("error.startFailed", List.of(plan.command().get(0)), reason, Optional.of(org.ptdispatcher.gui.profile.ProfileField.ENGINE)));
        }
    }

    /** Stops the engine as spec section 1.3 says; completes with the exit code (on the delivery thread). */
    public CompletableFuture<Integer> stop() {
        if (run == null || !state.get().isActive()) {
            return CompletableFuture.completedFuture(-1);
        }
        stopRequested = true;
        state.set(RunState.STOPPING);
        appLog(LogLevel.INFO, "stopping: closing the engine's stdin");
        return run.stop();
    }

    /** Handles one line of the child's output. Public so tests can feed lines a real peer wrote. */
    public void accept(OutputLine line) {
        log.add(LogEntry.of(line));
        remember(line.text());
        if (line.message().isEmpty()) {
            return;
        }
        IpcMessage message = line.message().get();
        if (message instanceof IpcMessage.Version v) {
            version.set(v.version());
        } else if (message instanceof IpcMessage.Cmethod c) {
            proxies.add(new ProxyEndpoint(c.transport(), c.protocol(), c.address()));
        } else if (message instanceof IpcMessage.Smethod s) {
            servers.add(serverEndpoint(s));
        } else if (message instanceof IpcMessage.CmethodsDone || message instanceof IpcMessage.SmethodsDone) {
            if (state.get() == RunState.STARTING) {
                state.set(RunState.RUNNING);
            }
        } else {
            ErrorExplainer.explain(message, optionNames()).ifPresent(problems::add);
        }
    }

    /** Handles the child's exit. */
    public void exited(int code) {
        boolean asked = stopRequested;
        state.set(asked ? RunState.STOPPED : RunState.ENDED_ALONE);
        ending.set(ErrorExplainer.explainExit(code, asked));
        appLog(code == 0 ? LogLevel.INFO : LogLevel.ERROR, "the engine exited with code " + code);
        if (!asked) {
            lastLines.setAll(recent);
        }
        proxies.clear();
        servers.clear();
        pid.set(null);
    }

    private void resetForStart() {
        stopRequested = false;
        version.set("");
        proxies.clear();
        servers.clear();
        problems.clear();
        ending.set(null);
        lastLines.clear();
        recent.clear();
        testResult.set(null);
    }

    private ServerEndpoint serverEndpoint(IpcMessage.Smethod s) {
        try {
            HostPort address = HostPort.parseDestination(s.address());
            return new ServerEndpoint(s.transport(), s.address(), ShareText.forServer(profile, s.transport(), address, s.args()),
                    ShareText.isWildcard(address));
        } catch (IllegalArgumentException e) {
            return new ServerEndpoint(s.transport(), s.address(), Optional.empty(), false);
        }
    }

    private Set<String> optionNames() {
        return profile.options().keySet();
    }

    private void remember(String text) {
        recent.addLast(text);
        while (recent.size() > LAST_LINES) {
            recent.removeFirst();
        }
    }

    private void appLog(LogLevel level, String text) {
        log.add(LogEntry.app(services.clock().instant(), level, text));
    }

    // --- connection test ---------------------------------------------------------------------

    public StringProperty testDestinationProperty() {
        return testDestination;
    }

    public BooleanProperty testingProperty() {
        return testing;
    }

    /** The last test's result; null before the first test of this run. */
    public ReadOnlyObjectProperty<ConnectionTestResult> testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    /** Whether the test can run now: a running client with a SOCKS5 proxy. */
    public boolean canTest() {
        return state.get() == RunState.RUNNING && proxies.stream().anyMatch(p -> p.protocol().equalsIgnoreCase("socks5"));
    }

    /**
     * Connects through the first SOCKS5 proxy to the destination, off the delivery thread; the
     * result arrives in {@link #testResultProperty()}. The profile's transport options go along as
     * per-connection arguments (a version-1 PT such as obfs4proxy gets its bridge's cert that way).
     *
     * @return false (and a result saying why) if the destination is not host:port or there is no proxy yet
     */
    public boolean runConnectionTest() {
        Optional<ProxyEndpoint> socks = proxies.stream().filter(p -> p.protocol().equalsIgnoreCase("socks5")).findFirst();
        HostPort destination;
        try {
            destination = HostPort.parseDestination(testDestination.get());
        } catch (IllegalArgumentException e) {
            testResult.set(new ConnectionTestResult.Unreachable(testDestination.get(), "destination"));
            return false;
        }
        if (socks.isEmpty() || testing.get()) {
            return false;
        }
        HostPort proxy = HostPort.parseDestination(socks.get().address());
        testing.set(true);
        testResult.set(null);
        java.util.Map<String, String> args = profile.options();
        services.background().execute(() -> {
            ConnectionTestResult result = services.connectionTester().test(proxy, destination, args, TEST_TIMEOUT);
            services.delivery().execute(() -> {
                testResult.set(result);
                testing.set(false);
                appLog(result instanceof ConnectionTestResult.Connected ? LogLevel.INFO : LogLevel.WARN, "connection test: " + describe(result));
            });
        });
        return true;
    }

    private static String describe(ConnectionTestResult result) {
        if (result instanceof ConnectionTestResult.Connected c) {
            return "connected to " + c.destination() + " in " + c.roundTrip().toMillis() + " ms";
        }
        if (result instanceof ConnectionTestResult.Refused r) {
            return "refused (" + r.replyCode() + ") for " + r.destination();
        }
        ConnectionTestResult.Unreachable u = (ConnectionTestResult.Unreachable) result;
        return "failed for " + u.destination() + ": " + u.reason();
    }

    static String defaultTestDestination(Profile profile) {
        if (!profile.testDestination().isEmpty()) {
            return profile.testDestination();
        }
        return profile.target();
    }
}
