package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.TorMode;
import org.ptdispatcher.gui.tor.TorBridgeRequest;
import org.ptdispatcher.gui.tor.TorConnectRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A profile and the app's settings as the request of a Tor run: which tor, which engine, which ports, which directory. */
final class TorRequests {
    private TorRequests() {
    }

    /**
     * A client through Tor: the profile's bridge lines; its listen address's port (if it names one)
     * as tor's SocksPort, else a free one; tor's HTTP CONNECT port on a free one.
     */
    static TorConnectRequest connect(Profile profile, AppSettings settings, EngineSetup engine, Path directory) {
        List<String> lines = TorConnectRequest.bridgeLinesOf(profile);
        return new TorConnectRequest(lines, settings.torProgram(), engine.program(), profile.logLevel(), port(profile.listenAddress()),
                OptionalInt.empty(), directory, List.of());
    }

    /** A server as a Tor bridge: its transport listening where the profile says, tor's ORPort as it says (or a free one). */
    static TorBridgeRequest bridge(Profile profile, AppSettings settings, EngineSetup engine, Path directory) {
        return new TorBridgeRequest(profile.transport(), HostPort.parseBindable(profile.listenAddress()), port(profile.orPort()),
                profile.options(), profile.torMode() == TorMode.PUBLIC_BRIDGE, nickname(profile.name()), settings.torProgram(),
                engine.program(), profile.logLevel(), directory, List.of());
    }

    /** The port of {@code host:port} or of a bare port number; empty for none, 0 or text that is neither. */
    static OptionalInt port(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        int colon = value.lastIndexOf(':');
        try {
            int port = Integer.parseInt(colon >= 0 ? value.substring(colon + 1) : value);
            return port > 0 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Tor's Nickname takes 1 to 19 letters and digits: the profile's name so reduced, if anything is left. */
    static Optional<String> nickname(String name) {
        String kept = name.replaceAll("[^A-Za-z0-9]", "");
        return kept.isEmpty() ? Optional.empty() : Optional.of(kept.length() > 19 ? kept.substring(0, 19) : kept);
    }
}
