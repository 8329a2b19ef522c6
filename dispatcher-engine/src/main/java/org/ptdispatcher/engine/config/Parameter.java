package org.ptdispatcher.engine.config;

import java.util.List;
import java.util.Optional;

/**
 * The one table of every configuration parameter the dispatcher accepts (spec section 1.1, plus
 * the few Tor variables and ptdispatcher extensions marked as such). The CLI builds its flags and
 * its help from this table, the GUI renders launch commands from it, and {@link ConfigReader}
 * validates against it: add a parameter here and every front end knows it.
 *
 * <p>Flag names are written without dashes; on the command line each is accepted as
 * {@code -name value}, {@code -name=value} and {@code --name}, Go-style, as parents write them.
 */
public enum Parameter {
    PT_VERSION(Kind.TEXT, Scope.COMMON, flags("ptversion"), envs("TOR_PT_MANAGED_TRANSPORT_VER"), "<versions>",
            "Versions of the PT specification the parent supports, comma separated (this dispatcher speaks 2.2, 2.1, 2 and 1)."),
    STATE(Kind.TEXT, Scope.COMMON, flags("state"), envs("TOR_PT_STATE_LOCATION"), "<dir>",
            "Directory for state kept between runs (keys, bridge lines); created owner-only if missing. Default: the working directory."),
    EXIT_ON_STDIN_CLOSE(Kind.SWITCH, Scope.COMMON, flags("exit-on-stdin-close"), envs("TOR_PT_EXIT_ON_STDIN_CLOSE"), null,
            "Exit gracefully when stdin is closed (the environment variable must be 1 to enable it)."),
    IPC_LOG_LEVEL(Kind.TEXT, Scope.COMMON, flags("ipcLogLevel"), envs(), "<level>",
            "LOG messages sent to the parent: NONE (default), ERROR, WARN, INFO or DEBUG."),
    TRANSPORT(Kind.TEXT, Scope.COMMON, flags("transport"), envs(), "<name>",
            "The single transport to run (instead of a list)."),
    TRANSPORTS(Kind.TEXT, Scope.COMMON, flags("transports"), envs("TOR_PT_CLIENT_TRANSPORTS", "TOR_PT_SERVER_TRANSPORTS"), "<names>",
            "Transports to run, comma separated; names this dispatcher does not know are skipped. "
                    + "TOR_PT_CLIENT_TRANSPORTS is for clients, TOR_PT_SERVER_TRANSPORTS for servers."),
    OPTIONS(Kind.TEXT, Scope.COMMON, flags("options"), envs("TOR_PT_SERVER_TRANSPORT_OPTIONS"), "<json>",
            "Transport options as JSON, keyed by transport name (or the bare object when one transport is named). "
                    + "Under version 1 Tor's transport:key=value;... form is accepted too."),
    OPTIONS_FILE(Kind.TEXT, Scope.COMMON, flags("optionsFile"), envs(), "<file>",
            "A file holding the transport options, in the same format as -options."),
    MODE(Kind.TEXT, Scope.COMMON, flags("mode"), envs(), "<mode>",
            "Proxy mode: socks5 (default), transparent-TCP, transparent-UDP or STUN."),
    CLIENT(Kind.SWITCH, Scope.COMMON, flags("client"), envs(), null,
            "Run as a PT client (the default unless TOR_PT_SERVER_TRANSPORTS is set)."),
    SERVER(Kind.SWITCH, Scope.COMMON, flags("server"), envs(), null,
            "Run as a PT server."),
    PROXY_LISTEN_ADDR(Kind.TEXT, Scope.CLIENT, flags("proxylistenaddr"), envs(), "<ip:port>",
            "Address the client listens on for applications. Default: 127.0.0.1 on a free port."),
    PROXY_LISTEN_HOST(Kind.TEXT, Scope.CLIENT, flags("proxylistenhost"), envs(), "<ip>",
            "IP part of the client listen address (with -proxylistenport)."),
    PROXY_LISTEN_PORT(Kind.TEXT, Scope.CLIENT, flags("proxylistenport"), envs(), "<port>",
            "Port part of the client listen address (with -proxylistenhost)."),
    PROXY(Kind.TEXT, Scope.CLIENT, flags("proxy"), envs("TOR_PT_PROXY"), "<uri>",
            "Upstream proxy for every outgoing connection: socks5://[user[:pass]@]host:port, socks4a://host:port or http://[user:pass@]host:port."),
    BIND_ADDR(Kind.TEXT, Scope.SERVER, flags("bindaddr"), envs("TOR_PT_SERVER_BINDADDR"), "<t-ip:port,...>",
            "Where each server transport listens, as transport-ip:port pairs in the order of the transport list."),
    BIND_HOST(Kind.TEXT, Scope.SERVER, flags("bindhost"), envs(), "<ip>",
            "IP the single -transport listens on (with -bindport)."),
    BIND_PORT(Kind.TEXT, Scope.SERVER, flags("bindport"), envs(), "<port>",
            "Port the single -transport listens on (with -bindhost)."),
    TARGET(Kind.TEXT, Scope.COMMON, flags("target", "orport"), envs("TOR_PT_ORPORT"), "<host:port>",
            "Where traffic goes next: for a server the application server, for a transparent client the PT server."),
    TARGET_HOST(Kind.TEXT, Scope.COMMON, flags("targethost"), envs(), "<host>",
            "Host part of the target (with -targetport)."),
    TARGET_PORT(Kind.TEXT, Scope.COMMON, flags("targetport"), envs(), "<port>",
            "Port part of the target (with -targethost)."),
    EXT_OR_PORT(Kind.TEXT, Scope.SERVER, flags("extorport"), envs("TOR_PT_EXTENDED_SERVER_PORT"), "<host:port>",
            "Tor's Extended ORPort, to forward to with per-connection metadata (needs -authcookie)."),
    AUTH_COOKIE(Kind.TEXT, Scope.SERVER, flags("authcookie"), envs("TOR_PT_AUTH_COOKIE_FILE"), "<file>",
            "Absolute path of the Extended ORPort authentication cookie."),
    OUTBOUND_BIND_V4(Kind.TEXT, Scope.COMMON, flags("outboundBindAddressV4"), envs("TOR_PT_OUTBOUND_BIND_ADDRESS_V4"), "<ipv4>",
            "Source address for outgoing IPv4 connections (not used for loopback destinations)."),
    OUTBOUND_BIND_V6(Kind.TEXT, Scope.COMMON, flags("outboundBindAddressV6"), envs("TOR_PT_OUTBOUND_BIND_ADDRESS_V6"), "<[ipv6]>",
            "Source address for outgoing IPv6 connections, in brackets (not used for loopback destinations)."),
    UDP_IDLE_TIMEOUT(Kind.TEXT, Scope.COMMON, flags("udpIdleTimeout"), envs(), "<seconds>",
            "ptdispatcher extension: transparent-UDP and STUN modes close a datagram source's connection after this long without a packet either way (default 300)."),
    CONNECT_TIMEOUT(Kind.TEXT, Scope.COMMON, flags("connectTimeout"), envs(), "<seconds>",
            "ptdispatcher extension: how long an outgoing TCP connection may take to open (default 30)."),
    TRAFFIC_INTERVAL(Kind.TEXT, Scope.COMMON, flags("trafficInterval"), envs(), "<seconds>",
            "ptdispatcher extension: every this many seconds, a STATUS line per transport with the bytes it relayed since start "
                    + "(BYTES-IN from the network side, BYTES-OUT to it) and its open connections (CONNECTIONS). None unless given."),
    ;

    /** Whether a parameter takes a value or is a bare switch. */
    public enum Kind { TEXT, SWITCH }

    /** Which role a parameter belongs to; using a client parameter on a server (or the reverse) is an error. */
    public enum Scope { COMMON, CLIENT, SERVER }

    private final Kind kind;
    private final Scope scope;
    private final List<String> flagNames;
    private final List<String> envVars;
    private final String valueLabel;
    private final String description;

    Parameter(Kind kind, Scope scope, List<String> flagNames, List<String> envVars, String valueLabel, String description) {
        this.kind = kind;
        this.scope = scope;
        this.flagNames = flagNames;
        this.envVars = envVars;
        this.valueLabel = valueLabel;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    public Scope scope() {
        return scope;
    }

    /** Flag names without dashes; the first is the primary spelling. */
    public List<String> flagNames() {
        return flagNames;
    }

    /** The primary flag as a parent writes it, with its single dash. */
    public String flag() {
        return "-" + flagNames.get(0);
    }

    /** Environment variables that carry this parameter; may be empty. */
    public List<String> envVars() {
        return envVars;
    }

    /** How the value is shown in help, such as {@code <ip:port>}; empty for switches. */
    public Optional<String> valueLabel() {
        return Optional.ofNullable(valueLabel);
    }

    public String description() {
        return description;
    }

    private static List<String> flags(String... names) {
        return List.of(names);
    }

    private static List<String> envs(String... names) {
        return List.of(names);
    }
}
