package org.ptdispatcher.engine.config;

import org.ptdispatcher.engine.config.LaunchParameters.Given;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns what the parent set ({@link LaunchParameters}) into a {@link DispatcherConfig}, checking
 * every MUST and MUST NOT of spec section 1.1. The first violation found is thrown as a
 * {@link ConfigException} whose message names the parameter; it becomes one ENV-ERROR line.
 */
public final class ConfigReader {
    private static final String CLIENT_TRANSPORTS_ENV = "TOR_PT_CLIENT_TRANSPORTS";
    private static final String SERVER_TRANSPORTS_ENV = "TOR_PT_SERVER_TRANSPORTS";

    private final LaunchParameters given;
    private final OptionsSyntax optionsSyntax;
    private final Path workingDirectory;

    private ConfigReader(LaunchParameters given, OptionsSyntax optionsSyntax, Path workingDirectory) {
        this.given = given;
        this.optionsSyntax = optionsSyntax;
        this.workingDirectory = workingDirectory;
    }

    public static DispatcherConfig read(LaunchParameters given, OptionsSyntax optionsSyntax, Path workingDirectory) throws ConfigException {
        return new ConfigReader(given, optionsSyntax, workingDirectory).read();
    }

    private DispatcherConfig read() throws ConfigException {
        value(Parameter.PT_VERSION); // negotiated already; here only checked for being given twice
        Role role = role();
        checkScopes(role);
        ProxyMode mode = mode();
        List<String> transports = transports(role);
        Optional<HostPort> target = target();
        Optional<HostPort> extOrPort = extOrPort();
        Optional<Path> authCookie = authCookie(extOrPort);
        checkTargetPresent(role, mode, target, extOrPort);
        return new DispatcherConfig(
                role,
                mode,
                transports,
                options(transports),
                stateDirectory(),
                exitOnStdinClose(),
                logLevel(),
                proxyListen(transports),
                value(Parameter.PROXY).map(Given::value),
                role == Role.SERVER ? bindAddresses(transports) : Map.of(),
                target,
                extOrPort,
                authCookie,
                outboundBind(),
                seconds(Parameter.UDP_IDLE_TIMEOUT, DispatcherConfig.DEFAULT_UDP_IDLE_TIMEOUT, 86400),
                seconds(Parameter.CONNECT_TIMEOUT, DispatcherConfig.DEFAULT_CONNECT_TIMEOUT, 3600));
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
            Path path = workingDirectory.resolve(file.get().value());
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
        boolean json = optionsSyntax == OptionsSyntax.JSON || text.stripLeading().startsWith("{");
        try {
            if (json) {
                return Collections.unmodifiableMap(JsonOptions.perTransport(JsonOptions.parseObject(text), transports));
            }
            return Collections.unmodifiableMap(TorArgs.parseServerTransportOptions(text));
        } catch (ConfigException e) {
            throw new ConfigException(source + " " + e.getMessage());
        }
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

    private Optional<HostPort> proxyListen(List<String> transports) throws ConfigException {
        Optional<Given> combined = value(Parameter.PROXY_LISTEN_ADDR);
        Optional<Given> host = value(Parameter.PROXY_LISTEN_HOST);
        Optional<Given> port = value(Parameter.PROXY_LISTEN_PORT);
        if (combined.isPresent() && (host.isPresent() || port.isPresent())) {
            throw new ConfigException("-proxylistenaddr and " + (host.isPresent() ? "-proxylistenhost" : "-proxylistenport")
                    + " are both set; give the address combined or in parts, not both");
        }
        Optional<HostPort> listen;
        if (combined.isPresent()) {
            listen = Optional.of(bindable(combined.get()));
        } else if (host.isPresent() || port.isPresent()) {
            String ip = host.isPresent() ? bindableHost(host.get()) : "127.0.0.1";
            int number = port.isPresent() ? port(port.get(), true) : 0;
            listen = Optional.of(new HostPort(ip, number));
        } else {
            listen = Optional.empty();
        }
        if (listen.isPresent() && listen.get().port() != 0 && transports.size() > 1) {
            throw new ConfigException("the proxy listen address " + listen.get() + " has a fixed port, so it can serve only one transport, but "
                    + transports.size() + " were requested (" + String.join(",", transports) + ")");
        }
        return listen;
    }

    private Map<String, HostPort> bindAddresses(List<String> transports) throws ConfigException {
        Optional<Given> combined = value(Parameter.BIND_ADDR);
        Optional<Given> single = value(Parameter.TRANSPORT);
        Optional<Given> host = value(Parameter.BIND_HOST);
        Optional<Given> port = value(Parameter.BIND_PORT);
        if (combined.isPresent()) {
            for (Optional<Given> part : List.of(single, host, port)) {
                if (part.isPresent()) {
                    throw new ConfigException(combined.get().source() + " and " + part.get().source()
                            + " are both set; with a combined bind address use -transports, not -transport, -bindhost or -bindport");
                }
            }
            return combinedBindAddresses(combined.get(), transports);
        }
        if (host.isPresent() != port.isPresent()) {
            throw new ConfigException(host.isPresent() ? "-bindhost is set without -bindport; give both (with -transport)"
                    : "-bindport is set without -bindhost; give both (with -transport)");
        }
        if (host.isPresent() && single.isEmpty()) {
            throw new ConfigException("-bindhost and -bindport need -transport (with a list of transports use -bindaddr)");
        }
        if (host.isEmpty()) {
            throw new ConfigException("no bind address: a server needs -bindaddr (or TOR_PT_SERVER_BINDADDR), "
                    + "or -transport with -bindhost and -bindport");
        }
        Map<String, HostPort> result = new LinkedHashMap<>();
        result.put(transports.get(0), new HostPort(bindableHost(host.get()), port(port.get(), true)));
        return Collections.unmodifiableMap(result);
    }

    private Map<String, HostPort> combinedBindAddresses(Given combined, List<String> transports) throws ConfigException {
        Map<String, HostPort> result = new LinkedHashMap<>();
        for (String entry : combined.value().split(",", -1)) {
            int dash = entry.indexOf('-');
            if (dash <= 0) {
                throw new ConfigException(combined.source() + " entry \"" + entry + "\" is not transport-address:port");
            }
            String transport = entry.substring(0, dash);
            String address = entry.substring(dash + 1);
            if (!transports.contains(transport)) {
                throw new ConfigException(combined.source() + " names \"" + transport + "\", which is not among the requested transports ("
                        + String.join(",", transports) + ")");
            }
            if (result.containsKey(transport)) {
                throw new ConfigException(combined.source() + " gives \"" + transport + "\" more than one address");
            }
            try {
                result.put(transport, HostPort.parseBindable(address));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(combined.source() + " entry \"" + entry + "\": " + e.getMessage());
            }
        }
        List<String> order = new ArrayList<>(transports);
        order.retainAll(result.keySet());
        if (!order.equals(new ArrayList<>(result.keySet()))) {
            throw new ConfigException(combined.source() + " lists transports in the order " + String.join(",", result.keySet())
                    + ", but they must follow the transport list: " + String.join(",", order));
        }
        for (String transport : transports) {
            if (!result.containsKey(transport)) {
                throw new ConfigException(combined.source() + " has no address for transport \"" + transport + "\"");
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private Optional<HostPort> target() throws ConfigException {
        Optional<Given> combined = value(Parameter.TARGET);
        Optional<Given> host = value(Parameter.TARGET_HOST);
        Optional<Given> port = value(Parameter.TARGET_PORT);
        if (combined.isPresent() && (host.isPresent() || port.isPresent())) {
            throw new ConfigException(combined.get().source() + " and " + (host.isPresent() ? "-targethost" : "-targetport")
                    + " are both set; give the target combined or in parts, not both");
        }
        if (combined.isPresent()) {
            return Optional.of(destination(combined.get(), combined.get().value()));
        }
        if (host.isPresent() != port.isPresent()) {
            throw new ConfigException(host.isPresent() ? "-targethost is set without -targetport; give both"
                    : "-targetport is set without -targethost; give both");
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String h;
        try {
            h = HostPort.parseDestinationHost(host.get().value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("-targethost: " + e.getMessage());
        }
        return Optional.of(new HostPort(h, port(port.get(), false)));
    }

    /** The ENV-ERROR (or SMETHOD-ERROR) text for a server transport that has nowhere to forward to. */
    public static final String NO_SERVER_TARGET = "no target: a server needs -target (or -orport, TOR_PT_ORPORT, or -targethost with -targetport)";

    /**
     * A server without a target (and without an Extended ORPort) can only serve transports whose
     * stream carries the destination (Shadowsocks). This check needs to know the transports, so
     * the dispatcher makes it once they are loaded: if none of the requested transports carries a
     * destination, the configuration is unusable and this throws (one ENV-ERROR, as before); if
     * some do, the others each get an SMETHOD-ERROR with {@link #NO_SERVER_TARGET}.
     *
     * @param carriesDestination whether the named transport is known and carries the destination
     */
    public static void checkServerTarget(DispatcherConfig config, Predicate<String> carriesDestination) throws ConfigException {
        if (config.role() != Role.SERVER || config.target().isPresent() || config.extOrPort().isPresent()) {
            return;
        }
        if (config.transports().stream().noneMatch(carriesDestination)) {
            throw new ConfigException(NO_SERVER_TARGET);
        }
    }

    private void checkTargetPresent(Role role, ProxyMode mode, Optional<HostPort> target, Optional<HostPort> extOrPort) throws ConfigException {
        // A server's target is checked by checkServerTarget, once the transports are known.
        if (role == Role.CLIENT && mode != ProxyMode.SOCKS5 && target.isEmpty()) {
            throw new ConfigException("no target: a " + mode.wireName() + " client needs -target naming the PT server"
                    + " (or -targethost with -targetport)");
        }
    }

    private Optional<HostPort> extOrPort() throws ConfigException {
        Optional<Given> g = value(Parameter.EXT_OR_PORT);
        return g.isPresent() ? Optional.of(destination(g.get(), g.get().value())) : Optional.empty();
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

    private OutboundBind outboundBind() throws ConfigException {
        return new OutboundBind(outboundAddress(Parameter.OUTBOUND_BIND_V4, false), outboundAddress(Parameter.OUTBOUND_BIND_V6, true));
    }

    private Optional<InetAddress> outboundAddress(Parameter p, boolean ipv6) throws ConfigException {
        Optional<Given> g = value(p);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        String text = g.get().value().trim();
        if (ipv6) {
            if (!text.startsWith("[") || !text.endsWith("]")) {
                throw new ConfigException(g.get().source() + " must be an IPv6 address in square brackets, such as [2001:db8::4]");
            }
            text = text.substring(1, text.length() - 1);
        }
        byte[] raw = io.netty.util.NetUtil.createByteArrayFromIpAddressString(text);
        if (raw == null || raw.length != (ipv6 ? 16 : 4)) {
            throw new ConfigException(g.get().source() + " \"" + g.get().value() + "\" is not an IPv" + (ipv6 ? "6" : "4") + " address");
        }
        try {
            return Optional.of(InetAddress.getByAddress(raw));
        } catch (java.net.UnknownHostException e) {
            throw new ConfigException(g.get().source() + " \"" + g.get().value() + "\" is not an IP address");
        }
    }

    private Duration seconds(Parameter p, Duration fallback, int max) throws ConfigException {
        Optional<Given> g = value(p);
        if (g.isEmpty()) {
            return fallback;
        }
        try {
            double seconds = Double.parseDouble(g.get().value());
            if (seconds > 0 && seconds <= max) {
                return Duration.ofMillis(Math.round(seconds * 1000));
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

    private static HostPort destination(Given g, String text) throws ConfigException {
        try {
            return HostPort.parseDestination(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(g.source() + ": " + e.getMessage());
        }
    }

    private static HostPort bindable(Given g) throws ConfigException {
        try {
            return HostPort.parseBindable(g.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(g.source() + ": " + e.getMessage());
        }
    }

    private static String bindableHost(Given g) throws ConfigException {
        try {
            return HostPort.parseBindableHost(g.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(g.source() + ": " + e.getMessage());
        }
    }

    private static int port(Given g, boolean allowZero) throws ConfigException {
        try {
            return HostPort.parsePort(g.value(), allowZero);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(g.source() + ": " + e.getMessage());
        }
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
