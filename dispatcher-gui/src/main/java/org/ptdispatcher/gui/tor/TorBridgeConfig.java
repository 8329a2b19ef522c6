package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.HostPort;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a bridge operator's tor is told: its ORPort, the transport and where its listener takes
 * clients, and whether Tor may hand the bridge out.
 *
 * @param orPort            tor's ORPort; 0: {@code auto}, a free one
 * @param publicBridge      true: published to Tor's bridge authority and distributed to users; false:
 *                          a private bridge, for the people the operator gives its line to
 * @param transportOptions  {@code ServerTransportOptions} for the transport; usually none
 * @param includes          more torrc files tor reads after these lines ({@code %include}); usually none
 */
public record TorBridgeConfig(String transport, List<String> engineCommand, int orPort, HostPort listenAddress,
                              Map<String, String> transportOptions, boolean publicBridge, Optional<String> nickname,
                              Optional<String> contactInfo, Path dataDirectory, long ownerPid, List<Path> includes) {
    public TorBridgeConfig {
        engineCommand = List.copyOf(engineCommand);
        transportOptions = Map.copyOf(transportOptions);
        includes = List.copyOf(includes);
    }

    public Path controlPortFile() {
        return dataDirectory.resolve("control-port");
    }

    public Path cookieFile() {
        return dataDirectory.resolve("control_auth_cookie");
    }
}
