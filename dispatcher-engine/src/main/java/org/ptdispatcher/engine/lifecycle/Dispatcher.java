package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.config.ConfigException;
import org.ptdispatcher.engine.config.ConfigReader;
import org.ptdispatcher.engine.config.DispatcherConfig;
import org.ptdispatcher.engine.config.HostPort;
import org.ptdispatcher.engine.config.LaunchParameters;
import org.ptdispatcher.engine.config.Parameter;
import org.ptdispatcher.engine.config.ProxyMode;
import org.ptdispatcher.engine.config.Role;
import org.ptdispatcher.engine.ipc.Dialect;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.ipc.IpcWriter;
import org.ptdispatcher.engine.ipc.VersionNegotiation;
import org.ptdispatcher.engine.mode.ClientSocksMode;
import org.ptdispatcher.engine.mode.ClientTransparentTcpMode;
import org.ptdispatcher.engine.mode.ModeListener;
import org.ptdispatcher.engine.mode.ServerTcpMode;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.engine.transport.TransportServer;
import org.ptdispatcher.engine.upstream.UpstreamProxy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the dispatcher, in the order the spec lays down: negotiate the version, check the
 * configuration, check the upstream proxy, start each transport and announce it, then run until
 * told to stop, and stop gracefully. Every error is a value until here, where it becomes its
 * IPC line and exit code.
 */
public final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** The process's standard streams and working directory. */
    public record Io(InputStream stdin, OutputStream stdout, OutputStream stderr, Path workingDirectory) {
    }

    private final IpcWriter ipc;
    private final Io io;

    private Dispatcher(Io io) {
        this.io = io;
        this.ipc = new IpcWriter(io.stdout(), io.stderr());
    }

    /**
     * Runs the dispatcher to the end.
     *
     * @param environment the process environment
     * @param flags       the flags the command line set
     * @param flagError   a sentence describing a malformed command line, if it was one
     * @return the exit code
     */
    public static int run(Map<String, String> environment, Map<Parameter, String> flags, Optional<String> flagError, Io io) {
        return new Dispatcher(io).run(LaunchParameters.of(environment, flags), flagError);
    }

    private int run(LaunchParameters given, Optional<String> flagError) {
        LoggingBridge.install(ipc);
        VersionNegotiation.Outcome outcome = VersionNegotiation.negotiate(given.offeredVersions());
        if (outcome instanceof VersionNegotiation.Refused refused) {
            ipc.send(new IpcMessage.VersionError(refused.message()));
            return ExitCode.CONFIG;
        }
        Dialect dialect = ((VersionNegotiation.Agreed) outcome).dialect();
        ipc.useDialect(dialect);
        ipc.send(new IpcMessage.Version(dialect.version()));

        DispatcherConfig config;
        try {
            if (flagError.isPresent()) {
                throw new ConfigException(flagError.get());
            }
            config = ConfigReader.read(given, dialect.optionsSyntax(), io.workingDirectory());
            if (config.role() == Role.CLIENT && !dialect.canAnnounce(config.mode())) {
                throw new ConfigException("-mode " + config.mode().wireName() + " needs PT version 2 or later; under version "
                        + dialect.version() + " a client can only offer SOCKS");
            }
            TransportRegistry known = TransportRegistry.load();
            ConfigReader.checkServerTarget(config, name -> known.find(name).map(Transport::carriesDestination).orElse(false));
            StateDirectory.ensure(config.stateDirectory());
        } catch (ConfigException e) {
            ipc.send(new IpcMessage.EnvError(e.getMessage()));
            return ExitCode.USAGE;
        }
        ipc.useLogLevel(config.logLevel());
        LoggingBridge.useLevel(config.logLevel());

        Optional<UpstreamProxy> upstream = Optional.empty();
        if (config.role() == Role.CLIENT && config.upstreamProxy().isPresent()) {
            try {
                upstream = Optional.of(UpstreamProxy.parse(config.upstreamProxy().get()));
            } catch (IllegalArgumentException e) {
                ipc.send(new IpcMessage.ProxyError(e.getMessage()));
                return ExitCode.UNAVAILABLE;
            }
            ipc.send(new IpcMessage.ProxyDone());
        }

        ShutdownWatch watch = new ShutdownWatch();
        NetworkRuntime network = startNetwork(config.stateDirectory());
        try {
            if (config.role() == Role.CLIENT) {
                startClients(config, network, new Dialer(network, upstream, config.connectTimeout()));
            } else {
                startServers(config, network, new Dialer(network, Optional.empty(), config.connectTimeout()));
            }
            if (config.exitOnStdinClose()) {
                watch.watchStdin(io.stdin());
            }
            watch.watchParent();
            watch.watchSignals(network::closeListeners, network::openConnections);
            String why = watch.reason().join();
            LOG.log(System.Logger.Level.INFO, "shutting down: " + why);
            return ExitCode.OK;
        } finally {
            watch.close();
            network.shutdown();
        }
    }

    private NetworkRuntime startNetwork(Path stateDirectory) {
        // Netty unpacks its native epoll library before loading it; the spec allows files only in
        // the state directory, so that is where it goes (and it is deleted once loaded).
        System.setProperty("io.netty.native.workdir", stateDirectory.toAbsolutePath().toString());
        System.setProperty("io.netty.tmpdir", stateDirectory.toAbsolutePath().toString());
        return NetworkRuntime.start();
    }

    private void startClients(DispatcherConfig config, NetworkRuntime network, Dialer dialer) {
        TransportRegistry registry = TransportRegistry.load();
        TransportContext context = new TransportContext(Role.CLIENT, config.mode(), config.stateDirectory());
        for (String name : config.transports()) {
            Optional<Transport> transport = registry.find(name);
            if (transport.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, "skipping unknown transport " + name);
                continue;
            }
            try {
                TransportClient client = transport.get().client(context, config.optionsFor(name));
                ModeListener listener = clientListener(config, network, dialer, name, client);
                HostPort bound = listener.bind(config.proxyListenOrDefault());
                ipc.send(new IpcMessage.Cmethod(name, config.mode().wireName(), bound.toString()));
                LOG.log(System.Logger.Level.INFO, name + ": " + config.mode().wireName() + " listener ready on " + bound);
            } catch (InvalidTransportOptionsException | ModeListener.ListenFailedException | UnsupportedOperationException e) {
                ipc.send(new IpcMessage.CmethodError(name, e.getMessage()));
            }
        }
        ipc.send(new IpcMessage.CmethodsDone());
    }

    private ModeListener clientListener(DispatcherConfig config, NetworkRuntime network, Dialer dialer, String name, TransportClient client)
            throws InvalidTransportOptionsException {
        switch (config.mode()) {
            case SOCKS5:
                return new ClientSocksMode(network, name, client, dialer);
            case TRANSPARENT_TCP:
                return new ClientTransparentTcpMode(network, name, client, dialer, config.target().orElseThrow());
            default:
                throw new UnsupportedOperationException(config.mode().wireName() + " mode is not available in this version");
        }
    }

    private void startServers(DispatcherConfig config, NetworkRuntime network, Dialer dialer) {
        TransportRegistry registry = TransportRegistry.load();
        TransportContext context = new TransportContext(Role.SERVER, config.mode(), config.stateDirectory());
        for (Map.Entry<String, HostPort> entry : config.bindAddresses().entrySet()) {
            String name = entry.getKey();
            Optional<Transport> transport = registry.find(name);
            if (transport.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, "skipping unknown transport " + name);
                continue;
            }
            try {
                if (config.mode().isDatagram()) {
                    throw new UnsupportedOperationException(config.mode().wireName() + " mode is not available in this version");
                }
                if (config.target().isEmpty() && config.extOrPort().isPresent()) {
                    throw new UnsupportedOperationException("forwarding to the Extended ORPort is not available in this version; set TOR_PT_ORPORT");
                }
                if (config.target().isEmpty() && !transport.get().carriesDestination()) {
                    throw new UnsupportedOperationException(ConfigReader.NO_SERVER_TARGET);
                }
                if (config.extOrPort().isPresent()) {
                    LOG.log(System.Logger.Level.WARNING, "the Extended ORPort is not supported yet; forwarding to the ORPort " + config.target().get());
                }
                TransportServer server = transport.get().server(context, config.optionsFor(name));
                HostPort bound = new ServerTcpMode(network, name, server, dialer, config.target()).bind(entry.getValue());
                ipc.send(new IpcMessage.Smethod(name, bound.toString(), server.announcement()));
                LOG.log(System.Logger.Level.INFO, name + ": server listening on " + bound);
            } catch (InvalidTransportOptionsException | ModeListener.ListenFailedException | UnsupportedOperationException e) {
                ipc.send(new IpcMessage.SmethodError(name, e.getMessage()));
            }
        }
        ipc.send(new IpcMessage.SmethodsDone());
    }
}
