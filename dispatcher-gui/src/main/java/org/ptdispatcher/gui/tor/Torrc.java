package org.ptdispatcher.gui.tor;

import org.ptdispatcher.gui.share.BridgeLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The torrc the app writes for a client through bridges or for a bridge operator. Tor's control
 * port listens on a free loopback port that tor writes to a file, and takes cookie authentication
 * only; {@code __OwningControllerProcess} makes tor exit when the app is gone. Pure text: the
 * caller writes it owner-only.
 */
public final class Torrc {
    private Torrc() {
    }

    public static String client(TorClientConfig config) throws TorSetupException {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by PT Dispatcher for this run; written again at every start.");
        lines.add("DataDirectory " + value(config.dataDirectory()));
        lines.add("ClientOnly 1");
        lines.add("UseBridges 1");
        Set<String> transports = new LinkedHashSet<>();
        for (BridgeLine bridge : config.bridges()) {
            lines.add("Bridge " + bridge.render());
            transports.add(bridge.transport());
        }
        lines.add("ClientTransportPlugin " + String.join(",", transports) + " exec " + execLine(config.engineCommand()));
        lines.add("SocksPort " + loopback(config.socksPort()));
        lines.add("HTTPTunnelPort " + loopback(config.httpTunnelPort()));
        control(lines, config.controlPortFile(), config.cookieFile(), config.ownerPid());
        config.includes().forEach(p -> lines.add("%include " + value(p)));
        return String.join("\n", lines) + "\n";
    }

    public static String bridge(TorBridgeConfig config) throws TorSetupException {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by PT Dispatcher for this run; written again at every start.");
        lines.add("DataDirectory " + value(config.dataDirectory()));
        lines.add("BridgeRelay 1");
        lines.add("ORPort " + (config.orPort() == 0 ? "auto" : String.valueOf(config.orPort())));
        lines.add("ExtORPort auto");
        lines.add("SocksPort 0");
        lines.add("ExitRelay 0");
        lines.add("ExitPolicy reject *:*");
        lines.add("ServerTransportPlugin " + config.transport() + " exec " + execLine(config.engineCommand()));
        lines.add("ServerTransportListenAddr " + config.transport() + " " + config.listenAddress());
        if (!config.transportOptions().isEmpty()) {
            StringBuilder options = new StringBuilder("ServerTransportOptions ").append(config.transport());
            new TreeMap<>(config.transportOptions()).forEach((k, v) -> options.append(' ').append(k).append('=').append(v));
            lines.add(options.toString());
        }
        if (config.publicBridge()) {
            lines.add("BridgeDistribution any");
        } else {
            // A private bridge: Tor neither publishes nor hands out its descriptor.
            lines.add("BridgeDistribution none");
            lines.add("PublishServerDescriptor 0");
        }
        // Stop in the app should not take tor's default 30 s of letting circuits finish.
        lines.add("ShutdownWaitLength 5");
        config.nickname().ifPresent(n -> lines.add("Nickname " + n));
        config.contactInfo().ifPresent(c -> lines.add("ContactInfo " + c));
        control(lines, config.controlPortFile(), config.cookieFile(), config.ownerPid());
        config.includes().forEach(p -> lines.add("%include " + value(p)));
        return String.join("\n", lines) + "\n";
    }

    private static void control(List<String> lines, Path portFile, Path cookie, long ownerPid) {
        lines.add("ControlPort 127.0.0.1:auto");
        lines.add("ControlPortWriteToFile " + value(portFile));
        lines.add("CookieAuthentication 1");
        lines.add("CookieAuthFile " + value(cookie));
        lines.add("__OwningControllerProcess " + ownerPid);
        // Tor's log on stdout is the app's log of the run (and the fallback for its progress).
        lines.add("Log notice stdout");
    }

    private static String loopback(OptionalInt port) {
        return "127.0.0.1:" + (port.isPresent() ? String.valueOf(port.getAsInt()) : "auto");
    }

    /**
     * The engine's command as tor's {@code exec} takes it: words joined by spaces. Tor splits that
     * line at spaces and has no quoting, so a word with white space in it cannot be given.
     */
    static String execLine(List<String> command) throws TorSetupException {
        if (command.isEmpty()) {
            throw new TorSetupException(new TorFailure.EngineNotFound());
        }
        for (String word : command) {
            if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                throw new TorSetupException(new TorFailure.EnginePathHasSpace(word));
            }
        }
        return String.join(" ", command);
    }

    /**
     * A path as a torrc value. Tor takes the rest of the line (so spaces are fine) but reads
     * {@code #} as a comment and a leading quote as a C string; such paths are written quoted.
     */
    static String value(Path path) {
        String text = path.toAbsolutePath().toString();
        if (text.contains("#") || text.startsWith("\"") || text.contains("\\") && text.contains("\"")) {
            return ControlArguments.quote(text);
        }
        return text;
    }
}
