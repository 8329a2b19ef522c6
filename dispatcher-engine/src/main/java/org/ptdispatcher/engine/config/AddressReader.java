package org.ptdispatcher.engine.config;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.OutboundBind;
import org.ptdispatcher.engine.config.LaunchParameters.Given;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The address parameters of spec section 1.1: the client's listen address, the server's bind
 * addresses, the target and the Extended ORPort, and the outbound source addresses. Each comes
 * either combined or in parts, never both; listen and bind addresses must be IP literals, a
 * target may be a name. Part of {@link ConfigReader}.
 */
final class AddressReader {
    private final LaunchParameters given;

    AddressReader(LaunchParameters given) {
        this.given = given;
    }

    private Optional<Given> value(Parameter p) throws ConfigException {
        return given.get(p);
    }

    Optional<HostPort> proxyListen(List<String> transports) throws ConfigException {
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

    Map<String, HostPort> bindAddresses(List<String> transports) throws ConfigException {
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

    Optional<HostPort> target() throws ConfigException {
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

    Optional<HostPort> extOrPort() throws ConfigException {
        Optional<Given> g = value(Parameter.EXT_OR_PORT);
        return g.isPresent() ? Optional.of(destination(g.get(), g.get().value())) : Optional.empty();
    }

    OutboundBind outboundBind() throws ConfigException {
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
}
