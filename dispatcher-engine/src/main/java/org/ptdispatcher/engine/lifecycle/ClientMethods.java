package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.DispatcherConfig;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.mode.ClientDatagramMode;
import org.ptdispatcher.engine.mode.ClientSocksMode;
import org.ptdispatcher.engine.mode.ClientTransparentTcpMode;
import org.ptdispatcher.engine.mode.ConnectionReporter;
import org.ptdispatcher.engine.mode.ProxyListener;
import org.ptdispatcher.engine.mode.Sip022ClientDatagramMode;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.relay.TrafficCounts;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.shadow.ShadowTransport;
import org.ptdispatcher.engine.transport.shadow.Sip022Datagrams;
import org.ptdispatcher.engine.udp.DatagramFraming;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A client's transports: each listens where applications connect, in the configured mode, and is a CMETHOD. */
final class ClientMethods implements TransportMethods {
    private final DispatcherConfig config;
    private final NetworkRuntime network;
    private final Dialer dialer;
    private final ConnectionReporter reporter;
    private final TransportContext context;
    private final TrafficCounts traffic;

    ClientMethods(DispatcherConfig config, NetworkRuntime network, Dialer dialer, ConnectionReporter reporter, TrafficCounts traffic) {
        this.config = config;
        this.network = network;
        this.dialer = dialer;
        this.reporter = reporter;
        this.traffic = traffic;
        this.context = new TransportContext(Role.CLIENT, config.mode(), config.stateDirectory());
    }

    @Override
    public Map<String, HostPort> requested() {
        Map<String, HostPort> requested = new LinkedHashMap<>();
        config.transports().forEach(name -> requested.put(name, config.proxyListenOrDefault()));
        return requested;
    }

    @Override
    public Method open(String name, Transport transport) throws InvalidTransportOptionsException {
        TransportClient client = transport.client(context, config.optionsFor(name));
        String mode = config.mode().wireName();
        Optional<Sip022Datagrams> sip022 = sip022Datagrams(transport, name);
        ProxyListener listener = sip022.isPresent()
                ? new Sip022ClientDatagramMode(network, name, sip022.get(), config.target().orElseThrow(), config.udpIdleTimeout(), traffic.of(name))
                : listener(name, client);
        return new Method(listener,
                bound -> new IpcMessage.Cmethod(name, mode, bound.toString()),
                bound -> name + ": " + mode + " listener ready on " + bound);
    }

    private ProxyListener listener(String name, TransportClient client) throws InvalidTransportOptionsException {
        switch (config.mode()) {
            case SOCKS5:
                return new ClientSocksMode(network, name, client, dialer, reporter, traffic.of(name));
            case TRANSPARENT_TCP:
                return new ClientTransparentTcpMode(network, name, client, dialer, config.target().orElseThrow(), traffic.of(name));
            default:
                return new ClientDatagramMode(network, name, client, dialer, config.target().orElseThrow(),
                        DatagramFraming.forMode(config.mode()), config.udpIdleTimeout(), traffic.of(name));
        }
    }

    /**
     * A 2022 shadow client in transparent-UDP mode sends SIP022 UDP packets over UDP, as
     * Shadowsocks does, instead of framing datagrams into its streams (docs/transports/shadow.md).
     */
    private Optional<Sip022Datagrams> sip022Datagrams(Transport transport, String name) throws InvalidTransportOptionsException {
        if (config.mode() != ProxyMode.TRANSPARENT_UDP || !(transport instanceof ShadowTransport)) {
            return Optional.empty();
        }
        return Sip022Datagrams.of(config.optionsFor(name));
    }

    @Override
    public IpcMessage error(String name, String why) {
        return new IpcMessage.CmethodError(name, why);
    }

    @Override
    public IpcMessage done() {
        return new IpcMessage.CmethodsDone();
    }
}
