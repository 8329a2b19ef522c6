package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.EngineProgram;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a bridge operator's Tor run needs: the transport and where its server listens, tor's
 * ORPort, public or private, the engine that runs the transport, which tor, and the run's own
 * directory.
 *
 * @param orPort     tor's ORPort; empty: {@code auto}, a free one
 * @param includes   more torrc files tor reads ({@code %include}), such as a private test network's; usually none
 */
public record TorBridgeRequest(String transport, HostPort listenAddress, OptionalInt orPort, Map<String, String> transportOptions,
                               boolean publicBridge, Optional<String> nickname, String chosenTor, Optional<EngineProgram> engine,
                               LogLevel engineLogLevel, Path workDirectory, List<Path> includes) {
    public TorBridgeRequest {
        transportOptions = Map.copyOf(transportOptions);
        chosenTor = chosenTor == null ? "" : chosenTor;
        includes = List.copyOf(includes);
    }
}
