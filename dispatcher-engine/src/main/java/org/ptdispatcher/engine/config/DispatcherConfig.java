package org.ptdispatcher.engine.config;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.OutboundBind;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A complete, checked configuration: every MUST and MUST NOT of spec section 1.1 holds for it.
 * Built only by {@link ConfigReader}.
 *
 * @param transports     requested transport names in the parent's order, duplicates removed (unknown names included; they are skipped later)
 * @param options        options per transport name, from -options/-optionsFile/TOR_PT_SERVER_TRANSPORT_OPTIONS
 * @param proxyListen    client: where applications connect; empty means 127.0.0.1 on a free port
 * @param upstreamProxy  client: the TOR_PT_PROXY / -proxy URI, checked later so it can fail with PROXY-ERROR
 * @param bindAddresses  server: where each transport listens, in the parent's order
 * @param target         where the server forwards, or the PT server a transparent client reaches
 * @param extOrPort      server: Tor's Extended ORPort
 * @param authCookie     server: the Extended ORPort cookie file
 * @param outboundBind   source addresses for outgoing connections (TOR_PT_OUTBOUND_BIND_ADDRESS_V4/_V6)
 * @param udpIdleTimeout datagram modes: how long a source's connection lives without a packet
 * @param connectTimeout how long an outgoing connection may take
 * @param trafficInterval how often to write the traffic STATUS lines ({@code -trafficInterval}); empty: never
 * @param refused        server: the requested transports this configuration cannot serve, each with the reason (its SMETHOD-ERROR)
 */
public record DispatcherConfig(
        Role role,
        ProxyMode mode,
        List<String> transports,
        Map<String, TransportOptions> options,
        Path stateDirectory,
        boolean exitOnStdinClose,
        LogLevel logLevel,
        Optional<HostPort> proxyListen,
        Optional<String> upstreamProxy,
        Map<String, HostPort> bindAddresses,
        Optional<HostPort> target,
        Optional<HostPort> extOrPort,
        Optional<Path> authCookie,
        OutboundBind outboundBind,
        Duration udpIdleTimeout,
        Duration connectTimeout,
        Optional<Duration> trafficInterval,
        Map<String, String> refused) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than a TURN allocation's refresh interval, so a STUN/TURN client keeps its server-side socket. */
    public static final Duration DEFAULT_UDP_IDLE_TIMEOUT = Duration.ofSeconds(300);

    /** The options given for {@code transport}, empty when none were. */
    public TransportOptions optionsFor(String transport) {
        return options.getOrDefault(transport, TransportOptions.empty());
    }

    /** Why this configuration cannot serve {@code transport}, if it cannot (see {@link #refused}). */
    public Optional<String> refusal(String transport) {
        return Optional.ofNullable(refused.get(transport));
    }

    /** Where a client listens: the configured address or 127.0.0.1 on a free port. */
    public HostPort proxyListenOrDefault() {
        return proxyListen.orElse(new HostPort("127.0.0.1", 0));
    }
}
