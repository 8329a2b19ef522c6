package org.ptdispatcher.gui.tor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Runs tor for the user: a client through their bridges, or a bridge for others. What the view
 * models receive (and tests replace). Results arrive through {@code delivery}
 * ({@code Platform::runLater} in the app).
 */
public interface TorService {
    /** Starts at once and returns; every outcome, a failure to start included, reaches {@code listener}. */
    TorSession connect(TorConnectRequest request, TorRunListener listener, Executor delivery);

    /** Starts a bridge operator's tor at once and returns; every outcome reaches {@code listener}. */
    TorSession runBridge(TorBridgeRequest request, TorBridgeListener listener, Executor delivery);

    /** {@code base}, with {@code includes} added to every run's torrc ({@code %include}); {@code base} itself when there are none. */
    static TorService withIncludes(TorService base, List<Path> includes) {
        if (includes.isEmpty()) {
            return base;
        }
        return new TorService() {
            @Override
            public TorSession connect(TorConnectRequest r, TorRunListener listener, Executor delivery) {
                return base.connect(new TorConnectRequest(r.bridgeLines(), r.chosenTor(), r.engine(), r.engineLogLevel(), r.socksPort(),
                        r.httpTunnelPort(), r.workDirectory(), joined(r.includes(), includes)), listener, delivery);
            }

            @Override
            public TorSession runBridge(TorBridgeRequest r, TorBridgeListener listener, Executor delivery) {
                return base.runBridge(new TorBridgeRequest(r.transport(), r.listenAddress(), r.orPort(), r.transportOptions(), r.publicBridge(),
                        r.nickname(), r.chosenTor(), r.engine(), r.engineLogLevel(), r.workDirectory(), joined(r.includes(), includes)),
                        listener, delivery);
            }
        };
    }

    /** Paths separated by the system's path separator; none for an empty text. */
    static List<Path> includesFrom(String text) {
        List<Path> paths = new ArrayList<>();
        for (String part : text.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) {
                paths.add(Path.of(part.trim()));
            }
        }
        return paths;
    }

    private static List<Path> joined(List<Path> first, List<Path> second) {
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The real one: tor as the app's child process. */
    static TorService processes() {
        return new TorService() {
            @Override
            public TorSession connect(TorConnectRequest request, TorRunListener listener, Executor delivery) {
                return TorClientRun.start(request, listener, delivery);
            }

            @Override
            public TorSession runBridge(TorBridgeRequest request, TorBridgeListener listener, Executor delivery) {
                return TorBridgeRun.start(request, listener, delivery);
            }
        };
    }
}
