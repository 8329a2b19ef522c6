package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.DispatcherConfig;
import org.ptdispatcher.engine.extor.ExtOrPortCookie;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.mode.DirectForwarder;
import org.ptdispatcher.engine.mode.ExtOrPortForwarder;
import org.ptdispatcher.engine.mode.ProxyListener;
import org.ptdispatcher.engine.mode.Sip022ServerDatagramMode;
import org.ptdispatcher.engine.mode.ServerDatagramMode;
import org.ptdispatcher.engine.mode.ServerForwarder;
import org.ptdispatcher.engine.mode.ServerTcpMode;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.relay.TrafficCounts;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.shadow.ShadowTransport;
import org.ptdispatcher.engine.transport.shadow.Sip022Datagrams;
import org.ptdispatcher.engine.transport.TransportServer;
import org.ptdispatcher.engine.udp.DatagramFraming;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A server's transports: each listens on its bind address and forwards to the target or to tor's
 * Extended ORPort, and is an SMETHOD.
 */
final class ServerMethods implements TransportMethods {
    private static final System.Logger LOG = EngineLog.logger(ServerMethods.class);

    private final DispatcherConfig config;
    private final NetworkRuntime network;
    private final Dialer dialer;
    private final TransportContext context;
    private final ExtOrPortCookie cookie;
    private final IOException cookieProblem;
    private final TrafficCounts traffic;

    /** Reads the Extended ORPort's cookie, if there is one; a file that cannot be read fails each connection later, with its reason. */
    ServerMethods(DispatcherConfig config, NetworkRuntime network, Dialer dialer, TrafficCounts traffic) {
        this.config = config;
        this.traffic = traffic;
        this.network = network;
        this.dialer = dialer;
        this.context = new TransportContext(Role.SERVER, config.mode(), config.stateDirectory());
        ExtOrPortCookie read = null;
        IOException problem = null;
        if (config.extOrPort().isPresent()) {
            try {
                read = ExtOrPortCookie.read(config.authCookie().orElseThrow());
            } catch (IOException e) {
                problem = e;
                LOG.log(System.Logger.Level.ERROR, e.getMessage() + "; every connection will fail");
            }
        }
        this.cookie = read;
        this.cookieProblem = problem;
    }

    @Override
    public Map<String, HostPort> requested() {
        return config.bindAddresses();
    }

    @Override
    public Method open(String name, Transport transport) throws InvalidTransportOptionsException {
        TransportServer server = transport.server(context, config.optionsFor(name));
        String forwarding = config.extOrPort().map(port -> ", forwarding to the Extended ORPort " + port).orElse("");
        return new Method(sip022(transport, name, listener(name, server)),
                bound -> new IpcMessage.Smethod(name, server.announcedAddress(bound).toString(), server.announcement()),
                bound -> name + ": server listening on " + bound + forwarding);
    }

    private ProxyListener listener(String name, TransportServer server) {
        if (config.mode().isDatagram()) {
            // Without a target the configuration refused every transport (DispatcherConfig.refusal).
            return new ServerDatagramMode(network, name, server, config.target().orElseThrow(), DatagramFraming.forMode(config.mode()),
                    config.udpIdleTimeout(), traffic.of(name));
        }
        ServerForwarder forwarder = config.extOrPort().isPresent()
                ? new ExtOrPortForwarder(dialer, config.extOrPort().get(), name, cookie, cookieProblem)
                : new DirectForwarder(dialer, config.target());
        return new ServerTcpMode(network, name, server, forwarder, traffic.of(name));
    }

    /**
     * A 2022 shadow server in transparent-UDP mode also takes SIP022 UDP packets, on a UDP socket
     * of its TCP port's number, as Shadowsocks does (docs/transports/shadow.md).
     */
    private ProxyListener sip022(Transport transport, String name, ProxyListener streams) throws InvalidTransportOptionsException {
        if (config.mode() != ProxyMode.TRANSPARENT_UDP || !(transport instanceof ShadowTransport)) {
            return streams;
        }
        Optional<Sip022Datagrams> sip022 = Sip022Datagrams.of(config.optionsFor(name));
        if (sip022.isEmpty()) {
            return streams;
        }
        return new Sip022ServerDatagramMode(network, name, sip022.get(), config.target().orElseThrow(), config.udpIdleTimeout(),
                traffic.of(name), streams);
    }

    @Override
    public IpcMessage error(String name, String why) {
        return new IpcMessage.SmethodError(name, why);
    }

    @Override
    public IpcMessage done() {
        return new IpcMessage.SmethodsDone();
    }
}
