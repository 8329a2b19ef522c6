package org.ptdispatcher.gui.tor;

import org.ptdispatcher.gui.share.BridgeLine;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a client tor is told: the bridges, the engine that runs their transports, where its proxies
 * listen (a port, or any free one), and where it keeps its state.
 *
 * @param engineCommand  the engine as tor should exec it (its program and arguments)
 * @param ownerPid       the app's process: tor exits when it is gone ({@code __OwningControllerProcess})
 * @param includes       more torrc files tor reads after these lines ({@code %include}), such as a
 *                       private test network's authorities; usually none
 */
public record TorClientConfig(List<BridgeLine> bridges, List<String> engineCommand, OptionalInt socksPort,
                              OptionalInt httpTunnelPort, Path dataDirectory, long ownerPid, List<Path> includes) {
    public TorClientConfig {
        bridges = List.copyOf(bridges);
        engineCommand = List.copyOf(engineCommand);
        includes = List.copyOf(includes);
        if (bridges.isEmpty()) {
            throw new IllegalArgumentException("a client through bridges needs at least one");
        }
    }

    /** Where tor writes the address its control port listens on ({@code ControlPortWriteToFile}). */
    public Path controlPortFile() {
        return dataDirectory.resolve("control-port");
    }

    /** The cookie tor writes for control-port authentication. */
    public Path cookieFile() {
        return dataDirectory.resolve("control_auth_cookie");
    }
}
