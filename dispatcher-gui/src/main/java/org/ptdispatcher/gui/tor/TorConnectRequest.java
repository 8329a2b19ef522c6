package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.share.ProfileImport;
import org.ptdispatcher.gui.share.ShareText;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request to get online through Tor with bridges.
 *
 * @param bridgeLines    the user's bridge lines, as given (with or without {@code Bridge})
 * @param chosenTor      the tor program from the settings; empty: find it ({@link TorLocator})
 * @param engine         the engine tor runs for the transports (what {@code EngineLocator} found); empty: none found
 * @param engineLogLevel the level of the LOG lines our engine sends (they reach the log through tor)
 * @param socksPort      the SocksPort, or empty for any free one
 * @param httpTunnelPort the HTTPTunnelPort, or empty for any free one
 * @param workDirectory  the run's directory in the app's config directory: torrc and tor's DataDirectory
 * @param includes       torrc files tor reads too (a private test network's authorities; power users)
 */
public record TorConnectRequest(List<String> bridgeLines, String chosenTor, Optional<EngineProgram> engine,
                                LogLevel engineLogLevel, OptionalInt socksPort, OptionalInt httpTunnelPort,
                                Path workDirectory, List<Path> includes) {
    public TorConnectRequest {
        bridgeLines = List.copyOf(bridgeLines);
        chosenTor = chosenTor == null ? "" : chosenTor;
        includes = List.copyOf(includes);
    }

    /**
     * The bridge lines a client profile connects through Tor with: the line it was made from
     * ({@link ShareText#forClient}), then its {@linkplain Profile#moreBridges more bridges}; none for a
     * server, a profile without a bridge, or a Shadowsocks client (its server is not a Tor bridge,
     * so it runs as it is).
     */
    public static List<String> bridgeLinesOf(Profile profile) {
        if (!profile.isClient() || profile.transport().equals(ProfileImport.SHADOW)) {
            return List.of();
        }
        return ShareText.linesForClient(profile);
    }
}
