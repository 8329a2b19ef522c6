package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.share.BridgeLine;
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
import org.ptdispatcher.gui.tor.TorService;
import org.ptdispatcher.gui.tor.TorSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The app's {@link TorService} for view-model tests: no tor is started; each run is noted with its
 * request, and the test makes "tor" log, progress, fail, get ready and end, through the delivery
 * executor the view model gave, as the real runs do. Stop ends the run as a tor that honours
 * {@code SIGNAL SHUTDOWN}: exit 0.
 */
public final class FakeTor implements TorService {
    private final List<Run<TorProxies>> clients = new ArrayList<>();
    private final List<Run<BridgeLine>> bridges = new ArrayList<>();
    private final List<TorConnectRequest> connectRequests = new ArrayList<>();
    private final List<TorBridgeRequest> bridgeRequests = new ArrayList<>();

    public List<Run<TorProxies>> clients() {
        return clients;
    }

    public List<Run<BridgeLine>> bridges() {
        return bridges;
    }

    public List<TorConnectRequest> connectRequests() {
        return connectRequests;
    }

    public List<TorBridgeRequest> bridgeRequests() {
        return bridgeRequests;
    }

    @Override
    public TorSession connect(TorConnectRequest request, TorRunListener listener, Executor delivery) {
        connectRequests.add(request);
        Run<TorProxies> run = new Run<>(listener, delivery);
        clients.add(run);
        return run;
    }

    @Override
    public TorSession runBridge(TorBridgeRequest request, TorBridgeListener listener, Executor delivery) {
        bridgeRequests.add(request);
        Run<BridgeLine> run = new Run<>(listener, delivery);
        bridges.add(run);
        return run;
    }

    /** One started "tor". */
    public static final class Run<R> implements TorSession {
        private final TorRunEvents<R> listener;
        private final Executor delivery;
        private final CompletableFuture<TorEnding> ended = new CompletableFuture<>();
        private boolean stopAsked;
        private boolean killed;

        Run(TorRunEvents<R> listener, Executor delivery) {
            this.listener = listener;
            this.delivery = delivery;
        }

        public boolean stopAsked() {
            return stopAsked;
        }

        public boolean killed() {
            return killed;
        }

        public Run<R> logs(String torLevel, String message) {
            TorLogLine line = TorLogLine.of(torLevel, message, Instant.EPOCH);
            delivery.execute(() -> listener.onLog(line));
            return this;
        }

        public Run<R> progresses(int percent, String tag, String summary) {
            BootstrapStatus status = new BootstrapStatus(percent, tag, summary);
            delivery.execute(() -> listener.onProgress(status));
            return this;
        }

        public Run<R> problem(TorFailure failure, boolean blocking) {
            delivery.execute(() -> listener.onProblem(failure, blocking));
            return this;
        }

        public Run<R> ready(R offered) {
            delivery.execute(() -> listener.onReady(offered));
            return this;
        }

        public Run<R> reachability(BridgeReachability reachability) {
            delivery.execute(() -> ((TorBridgeListener) listener).onReachability(reachability));
            return this;
        }

        /** Tor exits with {@code code}, for {@code failure} (empty: it was stopped). */
        public void exits(int code, Optional<TorFailure> failure) {
            TorEnding ending = new TorEnding(OptionalInt.of(code), failure);
            ended.complete(ending);
            delivery.execute(() -> listener.onEnded(ending));
        }

        /** The run ends before tor started (a setup failure: no tor, a malformed line). */
        public void failsBeforeStart(TorFailure failure) {
            TorEnding ending = TorEnding.before(failure);
            ended.complete(ending);
            delivery.execute(() -> listener.onEnded(ending));
        }

        @Override
        public CompletableFuture<TorEnding> stop() {
            stopAsked = true;
            if (!ended.isDone()) {
                exits(0, Optional.empty());
            }
            return ended;
        }

        @Override
        public CompletableFuture<TorEnding> ended() {
            return ended;
        }

        @Override
        public void kill() {
            killed = true;
            if (!ended.isDone()) {
                exits(137, Optional.empty());
            }
        }
    }
}
