package org.ptdispatcher.gui.tor;

import org.ptdispatcher.gui.share.BridgeLine;

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

    /** The real one: tor as the app's child process. */
    static TorService processes() {
        return new TorService() {
            @Override
            public TorSession connect(TorConnectRequest request, TorRunListener listener, Executor delivery) {
                return TorClientRun.start(request, listener, delivery);
            }

            @Override
            public TorSession runBridge(TorBridgeRequest request, TorBridgeListener listener, Executor delivery) {
                TorRun<BridgeLine> run = TorBridgeRun.start(request, listener, delivery);
                return run;
            }
        };
    }
}
