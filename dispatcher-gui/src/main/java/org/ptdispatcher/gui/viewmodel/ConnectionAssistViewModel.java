package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.gui.engine.BridgeProbe;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.engine.OptimizerLaunch;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.share.ProfileImport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * "Test all" (Connection Assist, issue 19): every client profile that runs directly is probed
 * once, all at the same time, each by a {@link BridgeProbe} of its own (its bridge's TCP address
 * timed, then an engine of its own for the probe, one connection test through it, and that engine
 * stopped); the results arrive per profile, and the working one with the shortest way through the
 * tunnel is the best, which "Connect the best" starts. Clients through Tor are not probed here
 * (tor tries its bridges itself when it connects) and say so. Nothing is probed but when the user
 * asks: a probe is a connection to the bridge, which an observer can see.
 */
public final class ConnectionAssistViewModel {
    /** Where one profile's probe got to. */
    public enum Outcome {
        TESTING, WORKS, FAILED, THROUGH_TOR, NOT_TESTABLE
    }

    /**
     * One profile's line in the test.
     *
     * @param reasonKey for {@link Outcome#NOT_TESTABLE}: the message key of why
     * @param problems  the engine's errors, explained ({@link ErrorExplainer})
     */
    public record Row(Profile profile, Outcome outcome, String reasonKey, Optional<BridgeProbe.Result> result, List<Explanation> problems,
                      long timeoutSeconds) {
        public Row {
            problems = List.copyOf(problems);
        }

        static Row of(Profile profile, Outcome outcome, String reasonKey) {
            return new Row(profile, outcome, reasonKey, Optional.empty(), List.of(), 0);
        }
    }

    private final AppServices services;
    private final Function<Profile, Optional<LaunchPlan>> planner;
    private final StatusLine status;
    private final ObservableMap<String, Row> rows = FXCollections.observableHashMap();
    private final ObservableMap<String, Row> rowsView = FXCollections.unmodifiableObservableMap(rows);
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);
    private final ReadOnlyObjectWrapper<Profile> best = new ReadOnlyObjectWrapper<>(this, "best");
    private final Set<BridgeProbe> active = ConcurrentHashMap.newKeySet();
    private int pending;

    /**
     * @param planner the launch of a profile if it can run with the engine set up now (the
     *                probe's copy of a profile is planned, not the profile itself)
     */
    ConnectionAssistViewModel(AppServices services, Function<Profile, Optional<LaunchPlan>> planner, StatusLine status) {
        this.services = services;
        this.planner = planner;
        this.status = status;
    }

    /** Each tested profile's line, by profile id; empty before the first test. */
    public ObservableMap<String, Row> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    /** The working profile that got through the tunnel fastest in the last test; null while testing or when none works. */
    public ReadOnlyObjectProperty<Profile> bestProperty() {
        return best.getReadOnlyProperty();
    }

    public Optional<Profile> best() {
        return Optional.ofNullable(best.get());
    }

    /**
     * Probes every client of {@code profiles} that runs directly, in parallel (on the background
     * executor; results through the delivery executor).
     *
     * @return false when a test is already under way
     */
    public boolean testAll(List<Profile> profiles) {
        if (testing.get()) {
            return false;
        }
        rows.clear();
        best.set(null);
        List<Runnable> probes = new ArrayList<>();
        for (Profile profile : profiles) {
            if (!profile.isClient()) {
                continue;
            }
            if (profile.throughTor()) {
                rows.put(profile.id(), Row.of(profile, Outcome.THROUGH_TOR, ""));
            } else if (profile.mode() != ProxyMode.SOCKS5) {
                rows.put(profile.id(), Row.of(profile, Outcome.NOT_TESTABLE, "assist.notSocks"));
            } else {
                prepare(profile).ifPresent(probes::add);
            }
        }
        if (probes.isEmpty()) {
            status.say(m -> m.get("assist.nothingToTest"));
            return true;
        }
        pending = probes.size();
        testing.set(true);
        int count = probes.size();
        status.say(m -> m.get("assist.testing", count));
        probes.forEach(services.background()::execute);
        return true;
    }

    /** Ends every probe's engine now (the app is going away). */
    void killProbes() {
        active.forEach(BridgeProbe::kill);
    }

    /** The probe of one profile, to run in the background; empty (and a row saying why) when it cannot run. */
    private Optional<Runnable> prepare(Profile profile) {
        Path state;
        try {
            state = Files.createTempDirectory("ptd-probe-");
        } catch (IOException e) {
            rows.put(profile.id(), Row.of(profile, Outcome.NOT_TESTABLE, "assist.cannotRun"));
            return Optional.empty();
        }
        // The probe's engine is not the profile's: a port of its own (the profile's may be in use by its
        // run, or be what a browser is pointed at) and a state directory it leaves nothing in.
        Profile probeProfile = profile.toBuilder().listenAddress("").stateDirectory(state.toString()).build();
        Optional<LaunchPlan> plan = planner.apply(probeProfile);
        HostPort destination;
        try {
            destination = HostPort.parseDestination(ConnectionTestViewModel.defaultDestination(profile));
        } catch (IllegalArgumentException e) {
            destination = null;
        }
        if (plan.isEmpty() || destination == null) {
            delete(state);
            rows.put(profile.id(), Row.of(profile, Outcome.NOT_TESTABLE, "assist.cannotRun"));
            return Optional.empty();
        }
        Optional<HostPort> bridge = bridgeOf(profile);
        BridgeProbe probe = new BridgeProbe(services.launcher(), services.connectionTester());
        active.add(probe);
        long timeout = ConnectionTestViewModel.TIMEOUT.toSeconds();
        rows.put(profile.id(), new Row(profile, Outcome.TESTING, "", Optional.empty(), List.of(), timeout));
        HostPort to = destination;
        return Optional.of(() -> {
            BridgeProbe.Result result;
            try {
                result = probe.run(plan.get(), bridge, to, ConnectionTestViewModel.socksArguments(profile), ConnectionTestViewModel.TIMEOUT);
            } finally {
                active.remove(probe);
                delete(state);
            }
            BridgeProbe.Result found = result;
            services.delivery().execute(() -> finished(profile, found, timeout));
        });
    }

    /**
     * The address a direct connection checks: the Shadowsocks server, else the target (the bridge
     * of a client in SOCKS mode). None for a client behind an upstream proxy: a direct connection
     * would go where its traffic does not; nor for one with more bridges and no Tor, whose Optimizer
     * tries them in turn, so the round trip through it is the measure.
     */
    static Optional<HostPort> bridgeOf(Profile profile) {
        if (!profile.upstreamProxy().isEmpty() || OptimizerLaunch.appliesTo(profile)) {
            return Optional.empty();
        }
        String address = profile.options().getOrDefault(ProfileImport.SHADOW_SERVER, profile.target());
        try {
            return address.isBlank() ? Optional.empty() : Optional.of(HostPort.parseDestination(address.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void finished(Profile profile, BridgeProbe.Result result, long timeout) {
        List<Explanation> problems = new ArrayList<>();
        for (IpcMessage error : result.errors()) {
            ErrorExplainer.explain(error, profile.options().keySet()).ifPresent(problems::add);
        }
        rows.put(profile.id(), new Row(profile, result.works() ? Outcome.WORKS : Outcome.FAILED, "", Optional.of(result), problems, timeout));
        pending--;
        if (pending > 0) {
            return;
        }
        testing.set(false);
        Optional<Row> fastest = rows.values().stream().filter(r -> r.outcome() == Outcome.WORKS)
                .min(Comparator.comparing(r -> r.result().flatMap(BridgeProbe.Result::tunnelTime).orElse(Duration.ofDays(1))));
        best.set(fastest.map(Row::profile).orElse(null));
        long works = rows.values().stream().filter(r -> r.outcome() == Outcome.WORKS).count();
        if (fastest.isPresent()) {
            String name = fastest.get().profile().name();
            long millis = fastest.get().result().flatMap(BridgeProbe.Result::tunnelTime).map(Duration::toMillis).orElse(0L);
            status.say(m -> m.get("assist.done", works, name, String.valueOf(millis)));
        } else {
            status.say(m -> m.get("assist.noneWorks"));
        }
    }

    /** Whether {@code profile} is the best of the last test. */
    public boolean isBest(Profile profile) {
        return best.get() != null && best.get().id().equals(profile.id());
    }

    /** A row in words as the profile list shows it: the best one marked. */
    public String line(Row row, Messages m) {
        String text = describe(row, m);
        return isBest(row.profile()) ? m.get("assist.best", text) : text;
    }

    /** A row in words, for the profile list: the bridge's answer, then the tunnel's, or why there is none. */
    public static String describe(Row row, Messages m) {
        return switch (row.outcome()) {
            case THROUGH_TOR -> m.get("assist.throughTor");
            case NOT_TESTABLE -> m.get("assist.notTested", m.get(row.reasonKey()));
            case TESTING -> m.get("assist.testingOne");
            case WORKS, FAILED -> describeResult(row, row.result().orElseThrow(), m);
        };
    }

    private static String describeResult(Row row, BridgeProbe.Result result, Messages m) {
        List<String> parts = new ArrayList<>();
        if (result.bridge().isEmpty()) {
            parts.add(m.get("assist.tcp.notChecked"));
        } else if (result.tcp().isPresent()) {
            parts.add(m.get("assist.tcp.answered", result.bridge().get().toString(), String.valueOf(result.tcp().get().toMillis())));
        } else {
            String why = result.tcpFailure().equals("timeout") ? m.get("test.why.timeout", String.valueOf(row.timeoutSeconds())) : result.tcpFailure();
            parts.add(m.get("assist.tcp.failed", result.bridge().get().toString(), why));
        }
        if (result.tunnel().isPresent()) {
            ConnectionTestResult tunnel = result.tunnel().get();
            Optional<Duration> time = result.tunnelTime();
            parts.add(time.isPresent() ? m.get("assist.tunnel.works", String.valueOf(time.get().toMillis())) : tunnelFailure(tunnel, row.timeoutSeconds(), m));
        } else if (result.tcp().isPresent() || result.bridge().isEmpty()) {
            for (Explanation problem : row.problems()) {
                parts.add(m.get(problem.messageKey(), problem.args().toArray()) + " (" + problem.detail() + ")");
            }
            if (!result.startFailure().isEmpty()) {
                parts.add(m.get("assist.engineFailed", result.startFailure()));
            }
        }
        return String.join(" ", parts);
    }

    /** The connection test's own sentences (as the Status tab says them). */
    private static String tunnelFailure(ConnectionTestResult result, long timeoutSeconds, Messages m) {
        if (result instanceof ConnectionTestResult.Silent q) {
            return m.get("test.silent", q.destination(), why(q.why(), "", timeoutSeconds, m));
        }
        if (result instanceof ConnectionTestResult.Refused r) {
            String reason = m.has("socks.reply." + r.replyCode()) ? m.get("socks.reply." + r.replyCode())
                    : m.get("socks.reply.other", String.valueOf(r.replyCode()));
            return m.get("test.refused", r.destination(), reason);
        }
        if (result instanceof ConnectionTestResult.Fetched f) {
            return m.get("test.fetchedError", f.destination(), String.valueOf(f.status()));
        }
        ConnectionTestResult.Unreachable u = (ConnectionTestResult.Unreachable) result;
        return m.get("test.unreachable", u.destination(), why(u.why(), u.detail(), timeoutSeconds, m));
    }

    private static String why(ConnectionTestResult.Failure why, String detail, long timeoutSeconds, Messages m) {
        return switch (why) {
            case TIMEOUT -> m.get("test.why.timeout", String.valueOf(timeoutSeconds));
            case CLOSED -> m.get("test.why.closed");
            case NOT_SOCKS -> m.get("test.why.notSocks");
            case NOT_HTTP -> m.get("test.why.notHttp");
            case NETWORK, BAD_DESTINATION -> detail;
        };
    }

    private static void delete(Path directory) {
        try (Stream<Path> all = Files.walk(directory)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no harm
        }
    }
}
