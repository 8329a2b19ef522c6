package org.ptdispatcher.gui.viewmodel;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.ipc.TrafficStatus;
import org.ptdispatcher.gui.engine.EngineLauncher;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.engine.OptimizerLaunch;
import org.ptdispatcher.gui.engine.OutputLine;
import org.ptdispatcher.gui.engine.RunningEngine;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.share.ShareText;
import org.ptdispatcher.gui.tor.BootstrapStatus;
import org.ptdispatcher.gui.tor.BridgeReachability;
import org.ptdispatcher.gui.tor.TorBridgeListener;
import org.ptdispatcher.gui.tor.TorBridgeRequest;
import org.ptdispatcher.gui.tor.TorConnectRequest;
import org.ptdispatcher.gui.tor.TorEnding;
import org.ptdispatcher.gui.tor.TorFailure;
import org.ptdispatcher.gui.tor.TorLogLine;
import org.ptdispatcher.gui.tor.TorProxies;
import org.ptdispatcher.gui.tor.TorRunEvents;
import org.ptdispatcher.gui.tor.TorRunListener;
import org.ptdispatcher.gui.tor.TorSession;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The live state of one profile's engine: what the child announced (version, proxies, server
 * addresses with their share text), its errors explained, and how it ended. A profile that runs
 * with Tor runs tor instead (which runs the engine): then its bootstrap progress, tor's proxies
 * or, for a bridge, the complete client line and its reachability, and the {@link TorFailure}s. Its log
 * ({@link LogViewModel}) and, for a client, its connection test ({@link ConnectionTestViewModel})
 * are view models of their own. All changes happen on the delivery executor's thread (the FX
 * thread in the app), so views bind directly.
 */
public final class RunViewModel {
    /** How many of the last lines are kept to show when an engine dies on its own. */
    static final int LAST_LINES = 8;

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

    private final LogViewModel log;
    private final ConnectionTestViewModel connectionTest;
    private final TrafficViewModel traffic = new TrafficViewModel();
    // Read-only views, made once: a view made per call would be collected, and the listeners on it lost.
    private final ObservableList<ProxyEndpoint> proxiesView = FXCollections.unmodifiableObservableList(proxies);
    private final ObservableList<ServerEndpoint> serversView = FXCollections.unmodifiableObservableList(servers);
    private final ObservableList<Explanation> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<String> lastLinesView = FXCollections.unmodifiableObservableList(lastLines);

    private final ReadOnlyObjectWrapper<BootstrapStatus> bootstrap = new ReadOnlyObjectWrapper<>(this, "bootstrap");
    private final ReadOnlyObjectWrapper<TorProxies> torProxies = new ReadOnlyObjectWrapper<>(this, "torProxies");
    private final ReadOnlyStringWrapper bridgeInUse = new ReadOnlyStringWrapper(this, "bridgeInUse", "");
    private final ReadOnlyObjectWrapper<BridgeLine> bridgeLine = new ReadOnlyObjectWrapper<>(this, "bridgeLine");
    private final ReadOnlyObjectWrapper<BridgeReachability> reachability = new ReadOnlyObjectWrapper<>(this, "reachability", BridgeReachability.UNKNOWN);
    private final ReadOnlyObjectWrapper<TorFailure> torFailure = new ReadOnlyObjectWrapper<>(this, "torFailure");
    private final ObservableList<TorFailure> torProblems = FXCollections.observableArrayList();
    private final ObservableList<TorFailure> torProblemsView = FXCollections.unmodifiableObservableList(torProblems);
    private final javafx.beans.property.ReadOnlyBooleanWrapper withTor = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "withTor", false);

    private final AutoRestart autoRestart;
    /** Starts the last run again the way the user started it (an engine's plan, or tor's request). */
    private Runnable startAgain;
    private Scheduler.Scheduled pendingRestart;

    private RunningEngine run;
    private TorSession torSession;
    private boolean stopRequested;
    /** Every transport failed at start: the app stopped an engine that served nothing. */
    private boolean nothingListens;

    public RunViewModel(Profile profile, AppServices services) {
        this.profile = profile;
        this.services = services;
        this.log = new LogViewModel(services.clock(), services.files());
        this.connectionTest = new ConnectionTestViewModel(profile, proxies, Bindings.equal(state, RunState.RUNNING), log, services);
        this.autoRestart = new AutoRestart(services.clock());
        state.addListener((o, old, now) -> {
            if (now == RunState.RUNNING) {
                autoRestart.running();
            }
        });
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

    /** Whether the last run started was tor's (through Tor, or as a Tor bridge). */
    public javafx.beans.property.ReadOnlyBooleanProperty withTorProperty() {
        return withTor.getReadOnlyProperty();
    }

    public boolean withTor() {
        return withTor.get();
    }

    /** How far tor has come; null before a Tor run's first phase. */
    public ReadOnlyObjectProperty<BootstrapStatus> bootstrapProperty() {
        return bootstrap.getReadOnlyProperty();
    }

    /** Where a client tor's proxies listen, once it is ready; null otherwise. */
    public ReadOnlyObjectProperty<TorProxies> torProxiesProperty() {
        return torProxies.getReadOnlyProperty();
    }

    /**
     * A client with more bridges and no Tor: the bridge that carried its last connection, as the
     * engine's Optimizer says in its log ({@link OptimizerLaunch#carrier}); empty before the first.
     */
    public ReadOnlyStringProperty bridgeInUseProperty() {
        return bridgeInUse.getReadOnlyProperty();
    }

    /** A bridge's complete client line (with tor's fingerprint), once it is ready; null otherwise. */
    public ReadOnlyObjectProperty<BridgeLine> bridgeLineProperty() {
        return bridgeLine.getReadOnlyProperty();
    }

    /** What tor's self-test found of the bridge's ORPort. */
    public ReadOnlyObjectProperty<BridgeReachability> reachabilityProperty() {
        return reachability.getReadOnlyProperty();
    }

    /** Why the last Tor run could not get (or stay) online; null while it runs, or when it was stopped. */
    public ReadOnlyObjectProperty<TorFailure> torFailureProperty() {
        return torFailure.getReadOnlyProperty();
    }

    /** What stood in tor's way without stopping it (one bridge of several down). */
    public ObservableList<TorFailure> torProblems() {
        return torProblemsView;
    }

    public Profile profile() {
        return profile;
    }

    /** The profile was edited while this run exists: later share text and tests use the new one. */
    public void profileChanged(Profile changed) {
        this.profile = changed;
        connectionTest.profileChanged(changed);
    }

    public LogViewModel log() {
        return log;
    }

    /** Whether it was started again after it ended by itself, and how often. */
    public AutoRestart autoRestart() {
        return autoRestart;
    }

    /** The connection test through this run's proxy (offered for clients). */
    public ConnectionTestViewModel connectionTest() {
        return connectionTest;
    }

    /** What the engine's traffic reports say (the built-in engine's, which the app asks for). */
    public TrafficViewModel traffic() {
        return traffic;
    }

    // --- start and stop ----------------------------------------------------------------------

    /** Starts the engine for {@code plan}; a program that cannot start ends in FAILED_TO_START with the reason. */
    public void start(LaunchPlan plan) {
        if (state.get().isActive()) {
            return;
        }
        userStarts(() -> launch(plan));
    }

    private void launch(LaunchPlan plan) {
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

    /** Starts tor through the profile's bridge line ({@link org.ptdispatcher.gui.tor.TorService#connect}). */
    public void connectThroughTor(TorConnectRequest request) {
        if (state.get().isActive()) {
            return;
        }
        userStarts(() -> connect(request));
    }

    private void connect(TorConnectRequest request) {
        startTor();
        appLog(LogLevel.INFO, "connecting through Tor with " + request.bridgeLines().size() + " bridge line(s); tor's files in " + request.workDirectory());
        torSession = services.tor().connect(request, new ClientEvents(), services.delivery());
    }

    /** Starts tor as a bridge in front of the profile's transport ({@link org.ptdispatcher.gui.tor.TorService#runBridge}). */
    public void runAsBridge(TorBridgeRequest request) {
        if (state.get().isActive()) {
            return;
        }
        userStarts(() -> bridge(request));
    }

    private void bridge(TorBridgeRequest request) {
        startTor();
        appLog(LogLevel.INFO, "starting a " + (request.publicBridge() ? "public" : "private") + " Tor bridge; tor's files in " + request.workDirectory());
        torSession = services.tor().runBridge(request, new BridgeEvents(), services.delivery());
    }

    private void userStarts(Runnable how) {
        autoRestart.userStarted();
        startAgain = how;
        how.run();
    }

    /**
     * The run ended by itself: it starts again after a wait if it had been running, else (or once
     * {@link AutoRestart} gives up) it stays ended, as {@code ended} says.
     */
    private void endedAlone(boolean wasRunning, RunState ended) {
        Optional<Duration> wait = autoRestart.endedAlone(wasRunning);
        if (wait.isEmpty()) {
            state.set(ended);
            if (autoRestart.gaveUpProperty().get()) {
                appLog(LogLevel.ERROR, "it ended by itself " + AutoRestart.MAX_IN_A_ROW + " times in a row: not starting it again");
            }
            return;
        }
        state.set(RunState.RESTARTING);
        appLog(LogLevel.WARN, "it ended by itself: starting it again in " + wait.get().toSeconds() + " s (restart "
                + autoRestart.inARow() + " of " + AutoRestart.MAX_IN_A_ROW + " in a row)");
        pendingRestart = services.scheduler().after(wait.get(), () -> {
            pendingRestart = null;
            if (state.get() == RunState.RESTARTING) {
                autoRestart.restarting();
                startAgain.run();
            }
        });
    }

    private void startTor() {
        resetForStart();
        run = null;
        withTor.set(true);
        bootstrap.set(BootstrapStatus.STARTING);
        state.set(RunState.STARTING);
    }

    /**
     * Stops the engine as spec section 1.3 says (a Tor run: tor shuts down, and ends the engine);
     * completes with the exit code (on the delivery thread).
     */
    public CompletableFuture<Integer> stop() {
        if (state.get() == RunState.RESTARTING) {
            cancelRestart();
            state.set(RunState.STOPPED);
            appLog(LogLevel.INFO, "stopped while waiting to start again");
            return CompletableFuture.completedFuture(-1);
        }
        if (!state.get().isActive() || run == null && torSession == null) {
            return CompletableFuture.completedFuture(-1);
        }
        stopRequested = true;
        state.set(RunState.STOPPING);
        if (torSession != null) {
            appLog(LogLevel.INFO, "stopping: asking tor to shut down (SIGNAL SHUTDOWN); it ends the engine");
            return torSession.stop().thenApply(ending -> ending.exitCode().orElse(-1));
        }
        appLog(LogLevel.INFO, "stopping: closing the engine's stdin");
        return run.stop();
    }

    /** The last resort when the app is forced down: kills the engine or tor now. */
    public void kill() {
        cancelRestart();
        if (torSession != null) {
            torSession.kill();
        }
        if (run != null) {
            run.kill();
        }
    }

    private void cancelRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel();
            pendingRestart = null;
            autoRestart.cancelled();
        }
    }

    /** Handles one line of the child's output. Public so tests can feed lines a real peer wrote. */
    public void accept(OutputLine line) {
        if (line.message().orElse(null) instanceof IpcMessage.Status s && TrafficStatus.isTraffic(s)) {
            // Not logged: a line a second would bury the log (which keeps every line) and the last lines shown at a death.
            traffic.report(s, line.time());
            return;
        }
        log.add(line);
        remember(line.text());
        if (line.message().isEmpty()) {
            return;
        }
        IpcMessage message = line.message().get();
        if (message instanceof IpcMessage.Log l) {
            OptimizerLaunch.carrier(profile, l.message()).ifPresent(bridgeInUse::set);
        }
        if (message instanceof IpcMessage.Version v) {
            version.set(v.version());
        } else if (message instanceof IpcMessage.Cmethod c) {
            proxies.add(new ProxyEndpoint(c.transport(), c.protocol(), c.address()));
        } else if (message instanceof IpcMessage.Smethod s) {
            servers.add(serverEndpoint(s));
        } else if (message instanceof IpcMessage.CmethodsDone || message instanceof IpcMessage.SmethodsDone) {
            if (state.get() == RunState.STARTING && proxies.isEmpty() && servers.isEmpty()) {
                // Every transport failed (its -ERROR line is among the problems): a run that serves
                // nothing is a failed start, not a green "ready".
                nothingListens = true;
                appLog(LogLevel.WARN, "no transport started, so nothing listens: stopping the engine");
                stop();
            } else if (state.get() == RunState.STARTING) {
                state.set(RunState.RUNNING);
            }
        } else {
            ErrorExplainer.explain(message, optionNames()).ifPresent(problems::add);
        }
    }

    /** Handles the child's exit. */
    public void exited(int code) {
        boolean asked = stopRequested;
        boolean wasRunning = state.get() == RunState.RUNNING;
        appLog(code == 0 ? LogLevel.INFO : LogLevel.ERROR, "the engine exited with code " + code);
        if (!asked) {
            lastLines.setAll(recent);
        }
        proxies.clear();
        servers.clear();
        pid.set(null);
        if (nothingListens) {
            state.set(RunState.FAILED_TO_START);
            ending.set(null);
        } else if (asked) {
            state.set(RunState.STOPPED);
            ending.set(ErrorExplainer.explainExit(code, true));
        } else {
            ending.set(ErrorExplainer.explainExit(code, false));
            endedAlone(wasRunning, RunState.ENDED_ALONE);
        }
    }

    private void resetForStart() {
        stopRequested = false;
        nothingListens = false;
        torSession = null;
        withTor.set(false);
        bootstrap.set(null);
        torProxies.set(null);
        bridgeInUse.set("");
        bridgeLine.set(null);
        reachability.set(BridgeReachability.UNKNOWN);
        torFailure.set(null);
        torProblems.clear();
        version.set("");
        proxies.clear();
        servers.clear();
        problems.clear();
        ending.set(null);
        lastLines.clear();
        recent.clear();
        connectionTest.reset();
        if (state.get() == RunState.RESTARTING) {
            traffic.continueAfterRestart();
        } else {
            traffic.reset();
        }
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
        log.note(level, text);
    }

    // --- a Tor run's events (on the delivery thread) -----------------------------------------

    private void torLog(TorLogLine line) {
        log.addTor(line);
        remember(line.message());
    }

    private void torProblem(TorFailure failure, boolean blocking) {
        if (!blocking) {
            torProblems.add(failure);
            return;
        }
        // Tor will not get further by itself: stop it, and say why.
        torFailure.set(failure);
        appLog(LogLevel.ERROR, "tor cannot get further (" + failure.messageKey() + "): stopping it");
        if (torSession != null) {
            torSession.stop();
        }
    }

    private void torEnded(TorEnding ending) {
        ending.failure().ifPresent(torFailure::set);
        boolean failed = torFailure.get() != null;
        boolean wasRunning = state.get() == RunState.RUNNING;
        appLog(failed ? LogLevel.ERROR : LogLevel.INFO, ending.exitCode().isPresent()
                ? "tor exited with code " + ending.exitCode().getAsInt() : "tor was not started");
        if (failed && ending.exitCode().isPresent()) {
            lastLines.setAll(recent);
        }
        proxies.clear();
        servers.clear();
        torProxies.set(null);
        bridgeLine.set(null);
        if (ending.exitCode().isEmpty()) {
            state.set(failed ? RunState.FAILED_TO_START : RunState.STOPPED);
        } else if (stopRequested && !failed) {
            state.set(RunState.STOPPED);
        } else if (failed) {
            // tor said why it cannot go on (a blocked bridge, a bad line): starting it again changes nothing
            state.set(RunState.ENDED_ALONE);
        } else {
            lastLines.setAll(recent);
            endedAlone(wasRunning, RunState.ENDED_ALONE);
        }
    }

    /** What a client's and a bridge's Tor run report alike; once ready, a run that was starting is running. */
    private abstract class TorEvents<R> implements TorRunEvents<R> {
        @Override
        public final void onLog(TorLogLine line) {
            torLog(line);
        }

        @Override
        public final void onProgress(BootstrapStatus status) {
            bootstrap.set(status);
        }

        @Override
        public final void onProblem(TorFailure failure, boolean blocking) {
            torProblem(failure, blocking);
        }

        @Override
        public final void onReady(R ready) {
            show(ready);
            if (state.get() == RunState.STARTING) {
                state.set(RunState.RUNNING);
            }
        }

        /** Shows what the bootstrapped run offers. */
        abstract void show(R ready);

        @Override
        public final void onEnded(TorEnding ending) {
            torEnded(ending);
        }
    }

    private final class ClientEvents extends TorEvents<TorProxies> implements TorRunListener {
        @Override
        void show(TorProxies ready) {
            torProxies.set(ready);
            proxies.setAll(new ProxyEndpoint("tor", "socks5", ready.socks().toString()), new ProxyEndpoint("tor", "http", ready.http().toString()));
            appLog(LogLevel.INFO, ready.readyLine());
        }

        @Override
        public void onUpdate(TorProxies now) {
            torProxies.set(now);
            now.bridgeInUse().ifPresent(bridge -> appLog(LogLevel.INFO, "tor now goes through the bridge " + bridge));
        }
    }

    private final class BridgeEvents extends TorEvents<BridgeLine> implements TorBridgeListener {
        @Override
        void show(BridgeLine line) {
            bridgeLine.set(line);
            servers.setAll(new ServerEndpoint(line.transport(), line.address().toString(), Optional.of(line.render()),
                    ShareText.isWildcard(line.address())));
            appLog(LogLevel.INFO, "the bridge is ready; its line: " + line.transport() + " " + line.address() + " " + line.fingerprint().orElse(""));
        }

        @Override
        public void onReachability(BridgeReachability found) {
            reachability.set(found);
        }
    }
}
