package org.ptdispatcher.engine.config;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.OptionsSyntax;
import org.ptdispatcher.engine.common.OutboundBind;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchParameters.Given;
import org.ptdispatcher.engine.ipc.Dialect;
import org.ptdispatcher.engine.options.JsonOptions;
import org.ptdispatcher.engine.options.OptionsSyntaxException;
import org.ptdispatcher.engine.options.TorArgs;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns what the parent set ({@link LaunchParameters}) into a {@link DispatcherConfig}, checking
 * every MUST and MUST NOT of spec section 1.1, and the rules that follow from them once the
 * negotiated version and the transports are known: this is the one place configuration is
 * judged. The first violation found is thrown as a {@link ConfigException} whose message names
 * the parameter; it becomes one ENV-ERROR line. What the configuration refuses one transport
 * only (a server without a target, for a transport that needs one) is in
 * {@link DispatcherConfig#refusal}, and becomes that transport's SMETHOD-ERROR.
 */
public final class ConfigReader {
    private static final String CLIENT_TRANSPORTS_ENV = "TOR_PT_CLIENT_TRANSPORTS";
    private static final String SERVER_TRANSPORTS_ENV = "TOR_PT_SERVER_TRANSPORTS";

    /** The ENV-ERROR (or SMETHOD-ERROR) text for a server transport that has nowhere to forward to. */
    private static final String NO_SERVER_TARGET = "no target: a server needs -target (or -orport, TOR_PT_ORPORT, or -targethost with -targetport)";

    private final LaunchParameters given;
    private final AddressReader addresses;
    private final Dialect dialect;
    private final Predicate<String> carriesDestination;
    private final Path workingDirectory;

    private ConfigReader(LaunchParameters given, Dialect dialect, Predicate<String> carriesDestination, Path workingDirectory) {
        this.addresses = new AddressReader(given);
        this.given = given;
        this.dialect = dialect;
        this.carriesDestination = carriesDestination;
        this.workingDirectory = workingDirectory;
    }

    /**
     * @param dialect            the negotiated version: its options syntax, and the modes a client may announce under it
     * @param carriesDestination whether the named transport is one this build has and its stream carries the
     *                           destination ({@code Transport.carriesDestination()}), so a server can run it without a target
     */
    public static DispatcherConfig read(LaunchParameters given, Dialect dialect, Predicate<String> carriesDestination, Path workingDirectory)
            throws ConfigException {
        return new ConfigReader(given, dialect, carriesDestination, workingDirectory).read();
    }

    private DispatcherConfig read() throws ConfigException {
        value(Parameter.PT_VERSION); // negotiated already; here only checked for being given twice
        Role role = role();
        checkScopes(role);
        ProxyMode mode = mode();
        List<String> transports = transports(role);
        Optional<HostPort> target = addresses.target();
        Optional<HostPort> extOrPort = addresses.extOrPort();
        Optional<Path> authCookie = authCookie(extOrPort);
        checkClientTarget(role, mode, target);
        Map<String, TransportOptions> options = options(transports);
        Path stateDirectory = stateDirectory();
        boolean exitOnStdinClose = exitOnStdinClose();
        LogLevel logLevel = logLevel();
        Optional<HostPort> proxyListen = addresses.proxyListen(transports);
        Optional<String> upstreamProxy = value(Parameter.PROXY).map(Given::value);
        Map<String, HostPort> bindAddresses = role == Role.SERVER ? addresses.bindAddresses(transports) : Map.of();
        OutboundBind outboundBind = addresses.outboundBind();
        Duration udpIdleTimeout = seconds(Parameter.UDP_IDLE_TIMEOUT, DispatcherConfig.DEFAULT_UDP_IDLE_TIMEOUT, 86400);
        Duration connectTimeout = seconds(Parameter.CONNECT_TIMEOUT, DispatcherConfig.DEFAULT_CONNECT_TIMEOUT, 3600);
        Optional<Duration> trafficInterval = secondsIfGiven(Parameter.TRAFFIC_INTERVAL, 86400);
        checkClientModeAnnounceable(role, mode);
        Map<String, String> refused = role == Role.SERVER ? serverRefusals(mode, transports, target, extOrPort) : Map.of();
        return new DispatcherConfig(role, mode, transports, options, stateDirectory, exitOnStdinClose, logLevel, proxyListen,
                upstreamProxy, bindAddresses, target, extOrPort, authCookie, outboundBind, udpIdleTimeout, connectTimeout, trafficInterval, refused);
    }

    private Role role() throws ConfigException {
        boolean client = isOn(Parameter.CLIENT);
        boolean server = isOn(Parameter.SERVER);
        if (client && server) {
            throw new ConfigException("-client and -server are both set; choose one role");
        }
        if (client) {
            return Role.CLIENT;
        }
        if (server) {
            return Role.SERVER;
        }
        // With neither flag the spec says client; but a parent that sets TOR_PT_SERVER_TRANSPORTS
        // (tor launching a bridge's PT) is asking for a server in the only way version 1 can.
        return given.env(SERVER_TRANSPORTS_ENV).isPresent() ? Role.SERVER : Role.CLIENT;
    }

    private void checkScopes(Role role) throws ConfigException {
        for (Parameter p : Parameter.values()) {
            if (p.scope() == Parameter.Scope.COMMON || !given.isSet(p)) {
                continue;
            }
            boolean fits = (p.scope() == Parameter.Scope.CLIENT) == (role == Role.CLIENT);
            if (!fits) {
                String source = given.flag(p).isPresent() ? p.flag() : p.envVars().stream()
                        .filter(v -> given.env(v).isPresent()).findFirst().orElse(p.flag());
                throw new ConfigException(source + " is for PT " + p.scope().name().toLowerCase(java.util.Locale.ROOT)
                        + "s, but this is a " + role.lowerName() + roleReason(role));
            }
        }
        if (role == Role.CLIENT && given.env(SERVER_TRANSPORTS_ENV).isPresent()) {
            throw new ConfigException(SERVER_TRANSPORTS_ENV + " is for PT servers, but -client was given");
        }
        if (role == Role.SERVER && given.env(CLIENT_TRANSPORTS_ENV).isPresent()) {
            throw new ConfigException(CLIENT_TRANSPORTS_ENV + " is for PT clients, but this is a server" + roleReason(role));
        }
    }

    private String roleReason(Role role) {
        if (isOnQuietly(Parameter.CLIENT) || isOnQuietly(Parameter.SERVER)) {
            return " (-" + role.lowerName() + " was given)";
        }
        return role == Role.SERVER ? " (" + SERVER_TRANSPORTS_ENV + " is set)" : " (neither -client nor -server was given)";
    }

    private ProxyMode mode() throws ConfigException {
        Optional<Given> mode = value(Parameter.MODE);
        if (mode.isEmpty()) {
            return ProxyMode.SOCKS5;
        }
        return ProxyMode.parse(mode.get().value()).orElseThrow(() -> new ConfigException(
                "-mode \"" + mode.get().value() + "\" is not a mode; use socks5, transparent-TCP, transparent-UDP or STUN"));
    }

    private List<String> transports(Role role) throws ConfigException {
        Optional<Given> single = value(Parameter.TRANSPORT);
        Optional<Given> list = value(Parameter.TRANSPORTS);
        if (single.isPresent() && list.isPresent()) {
            throw new ConfigException("-transport and " + list.get().source() + " are both set; name a single transport or a list, not both");
        }
        if (single.isEmpty() && list.isEmpty()) {
            throw new ConfigException("no transport requested: set -transport <name> or -transports <names>"
                    + (role == Role.CLIENT ? " (or " + CLIENT_TRANSPORTS_ENV + ")" : " (or " + SERVER_TRANSPORTS_ENV + ")"));
        }
        Given source = single.orElseGet(list::get);
        if (single.isPresent() && single.get().value().contains(",")) {
            throw new ConfigException("-transport takes one name, but \"" + single.get().value() + "\" is a list; use -transports for a list");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : source.value().split(",", -1)) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        if (names.isEmpty()) {
            throw new ConfigException(source.source() + " names no transport");
        }
        return List.copyOf(names);
    }

    private Map<String, TransportOptions> options(List<String> transports) throws ConfigException {
        Optional<Given> inline = value(Parameter.OPTIONS);
        Optional<Given> file = value(Parameter.OPTIONS_FILE);
        if (inline.isPresent() && file.isPresent()) {
            throw new ConfigException(inline.get().source() + " and -optionsFile are both set; give the options one way");
        }
        if (inline.isEmpty() && file.isEmpty()) {
            return Map.of();
        }
        String source;
        String text;
        if (file.isPresent()) {
            Path path = optionsFile(file.get().value());
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("-optionsFile " + path + " cannot be read: " + describe(e));
            }
            source = "-optionsFile " + path;
        } else {
            text = inline.get().value();
            source = inline.get().source();
        }
        boolean json = dialect.optionsSyntax() == OptionsSyntax.JSON || text.stripLeading().startsWith("{");
        try {
            if (json) {
                return Collections.unmodifiableMap(JsonOptions.perTransport(JsonOptions.parseObject(text), transports));
            }
            return Collections.unmodifiableMap(TorArgs.parseServerTransportOptions(text));
        } catch (OptionsSyntaxException e) {
            throw new ConfigException(source + " " + e.getMessage());
        }
    }

    /** The largest options file read; options are a few lines, and this is read before anything is announced. */
    static final long MAX_OPTIONS_FILE = 1024 * 1024;

    /**
     * The options file's path, if it names a regular file of a sensible size: a path the locale
     * cannot encode, a pipe or a terminal ({@code /dev/stdin}, which would block the start for
     * good) or a device are configuration errors like any other.
     */
    private Path optionsFile(String value) throws ConfigException {
        Path path;
        try {
            path = workingDirectory.resolve(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("-optionsFile \"" + value + "\" is not a valid path");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new ConfigException("-optionsFile " + path + " is not a regular file");
        }
        try {
            if (Files.exists(path) && Files.size(path) > MAX_OPTIONS_FILE) {
                throw new ConfigException("-optionsFile " + path + " is larger than " + MAX_OPTIONS_FILE + " bytes");
            }
        } catch (IOException e) {
            throw new ConfigException("-optionsFile " + path + " cannot be read: " + describe(e));
        }
        return path;
    }

    private Path stateDirectory() throws ConfigException {
        Optional<Given> state = value(Parameter.STATE);
        if (state.isEmpty()) {
            return workingDirectory;
        }
        try {
            return workingDirectory.resolve(state.get().value()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(state.get().source() + " \"" + state.get().value() + "\" is not a valid path");
        }
    }

    private boolean exitOnStdinClose() throws ConfigException {
        Optional<Given> g = value(Parameter.EXIT_ON_STDIN_CLOSE);
        if (g.isEmpty()) {
            return false;
        }
        if (g.get().source().startsWith("-")) {
            return Boolean.parseBoolean(g.get().value());
        }
        switch (g.get().value()) {
            case "1":
                return true;
            case "0":
                return false;
            default:
                throw new ConfigException(g.get().source() + " must be 1 (exit when stdin closes) or 0, not \"" + g.get().value() + "\"");
        }
    }

    private LogLevel logLevel() throws ConfigException {
        Optional<Given> g = value(Parameter.IPC_LOG_LEVEL);
        if (g.isEmpty()) {
            return LogLevel.NONE;
        }
        return LogLevel.parse(g.get().value()).orElseThrow(() -> new ConfigException(
                "-ipcLogLevel \"" + g.get().value() + "\" is not a level; use NONE, ERROR, WARN, INFO or DEBUG"));
    }

    private void checkClientTarget(Role role, ProxyMode mode, Optional<HostPort> target) throws ConfigException {
        // A server's target is judged with its transports, in serverRefusals.
        if (role == Role.CLIENT && mode != ProxyMode.SOCKS5 && target.isEmpty()) {
            throw new ConfigException("no target: a " + mode.wireName() + " client needs -target naming the PT server"
                    + " (or -targethost with -targetport)");
        }
    }

    /** A client announces its mode in each CMETHOD line, and not every version's parent can read every mode. */
    private void checkClientModeAnnounceable(Role role, ProxyMode mode) throws ConfigException {
        if (role == Role.CLIENT && !dialect.canAnnounce(mode)) {
            throw new ConfigException("-mode " + mode.wireName() + " needs PT version 2 or later; under version "
                    + dialect.version() + " a client can only offer SOCKS");
        }
    }

    /**
     * The server transports this configuration cannot serve, each with its SMETHOD-ERROR text.
     * Without a target (and without an Extended ORPort) a server can only serve transports whose
     * stream carries the destination (Shadowsocks): if none of the requested ones does, the
     * configuration is unusable (one ENV-ERROR); if some do, the others are refused. The datagram
     * modes forward to a fixed target only: the Extended ORPort and a destination carried in a
     * stream are for TCP.
     */
    private Map<String, String> serverRefusals(ProxyMode mode, List<String> transports, Optional<HostPort> target,
                                               Optional<HostPort> extOrPort) throws ConfigException {
        if (target.isPresent()) {
            return Map.of();
        }
        Map<String, String> refused = new LinkedHashMap<>();
        if (extOrPort.isEmpty()) {
            if (transports.stream().noneMatch(carriesDestination)) {
                throw new ConfigException(NO_SERVER_TARGET);
            }
            transports.stream().filter(carriesDestination.negate()).forEach(name -> refused.put(name, NO_SERVER_TARGET));
        }
        if (mode.isDatagram()) {
            String datagramNeedsTarget = "the Extended ORPort carries TCP only; " + mode.wireName() + " needs -target";
            transports.forEach(name -> refused.putIfAbsent(name, datagramNeedsTarget));
        }
        return Collections.unmodifiableMap(refused);
    }

    private Optional<Path> authCookie(Optional<HostPort> extOrPort) throws ConfigException {
        Optional<Given> cookie = value(Parameter.AUTH_COOKIE);
        if (extOrPort.isPresent() && cookie.isEmpty()) {
            throw new ConfigException("No TOR_PT_AUTH_COOKIE_FILE when TOR_PT_EXTENDED_SERVER_PORT set "
                    + "(the Extended ORPort needs -authcookie)");
        }
        if (cookie.isPresent() && extOrPort.isEmpty()) {
            throw new ConfigException(cookie.get().source() + " is set without an Extended ORPort; "
                    + "omit it, or set -extorport (TOR_PT_EXTENDED_SERVER_PORT)");
        }
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(cookie.get().value());
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(cookie.get().source() + " \"" + cookie.get().value() + "\" is not a valid path");
        }
        if (!path.isAbsolute()) {
            throw new ConfigException(cookie.get().source() + " must be an absolute path, not \"" + cookie.get().value() + "\"");
        }
        return Optional.of(path);
    }

    private Duration seconds(Parameter p, Duration fallback, int max) throws ConfigException {
        return secondsIfGiven(p, max).orElse(fallback);
    }

    private Optional<Duration> secondsIfGiven(Parameter p, int max) throws ConfigException {
        Optional<Given> g = value(p);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(g.get().value());
            if (seconds > 0 && seconds <= max) {
                // At least a millisecond: a value that rounds to zero would mean "no timeout" to Netty, and no period to a timer.
                return Optional.of(Duration.ofMillis(Math.max(1, Math.round(seconds * 1000))));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(p.flag() + " \"" + g.get().value() + "\" is not a number of seconds between 0 and " + max);
    }

    private Optional<Given> value(Parameter p) throws ConfigException {
        return given.get(p);
    }

    private boolean isOn(Parameter p) throws ConfigException {
        return value(p).map(g -> Boolean.parseBoolean(g.value())).orElse(false);
    }

    private boolean isOnQuietly(Parameter p) {
        return given.flag(p).map(Boolean::parseBoolean).orElse(false);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
