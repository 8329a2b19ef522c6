package org.ptdispatcher.gui.sysproxy;

import org.ptdispatcher.engine.common.HostPort;

import java.util.List;
import java.util.Optional;

/**
 * What the operating system's proxy is set to: a SOCKS5 proxy for everything, and where a program
 * that prefers HTTP proxies sends plain {@code http://} requests ({@code http}) and HTTPS tunnels
 * ({@code https}, CONNECT). Addresses on the machine itself never go through it.
 */
public record ProxyTarget(HostPort socks, Optional<HostPort> http, Optional<HostPort> https) {
    /** What never goes through the proxy: this machine, by name and by address. */
    public static final List<String> BYPASS = List.of("localhost", "127.0.0.0/8", "::1");

    /** Our engine's client port: it takes SOCKS5 and HTTP (CONNECT and plain forwarding) on one port. */
    public static ProxyTarget socksAndHttp(HostPort port) {
        return new ProxyTarget(port, Optional.of(port), Optional.of(port));
    }

    /** tor's ports: SOCKS5, and an HTTPTunnelPort, which takes CONNECT only (plain HTTP then goes over SOCKS). */
    public static ProxyTarget torPorts(HostPort socks, HostPort tunnel) {
        return new ProxyTarget(socks, Optional.empty(), Optional.of(tunnel));
    }
}
