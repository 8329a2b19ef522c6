package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.ConfigException;
import org.ptdispatcher.engine.config.ConfigReader;
import org.ptdispatcher.engine.config.DispatcherConfig;
import org.ptdispatcher.engine.config.LaunchParameters;
import org.ptdispatcher.engine.config.Parameter;
import org.ptdispatcher.engine.ipc.Dialect;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.ipc.IpcWriter;
import org.ptdispatcher.engine.ipc.VersionNegotiation;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.log.OutOfMemoryExit;
import org.ptdispatcher.engine.mode.ConnectionReporter;
import org.ptdispatcher.engine.mode.ListenFailedException;
import org.ptdispatcher.engine.mode.ProxyListener;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.net.NettyWarmUp;
import org.ptdispatcher.engine.net.NetworkRuntime;
import org.ptdispatcher.engine.net.PeerReset;
import org.ptdispatcher.engine.relay.Relay;
import org.ptdispatcher.engine.relay.TrafficCounts;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.engine.upstream.UpstreamProxy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the dispatcher, in the order the spec lays down: negotiate the version, check the
 * configuration, check the upstream proxy, start each transport and announce it, then run until
 * told to stop, and stop gracefully. Every error is a value until here, where it becomes its
 * IPC line and exit code.
 */
public final class Dispatcher {
    private static final System.Logger LOG = EngineLog.logger(Dispatcher.class);

    /** The process's standard streams and working directory. */
    public record Io(InputStream stdin, OutputStream stdout, OutputStream stderr, Path workingDirectory) {
    }

    private final IpcWriter ipc;
    private final Io io;
    private final ShutdownWatch watch = new ShutdownWatch();

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
        // First: a parent may signal as soon as it reads a line (spec 1.3 gives SIGTERM meaning from the start).
        watch.watchSignals();
        setNettyMachineId();
        EngineLog.useIpc(ipc);
        OutOfMemoryExit.installForAllThreads();
        NettyWarmUp.start();
        VersionNegotiation.Outcome outcome = VersionNegotiation.negotiate(given.offeredVersions());
        if (outcome instanceof VersionNegotiation.Refused refused) {
            ipc.send(new IpcMessage.VersionError(refused.message()));
            return ExitCode.CONFIG;
        }
        Dialect dialect = ((VersionNegotiation.Agreed) outcome).dialect();
        ipc.useDialect(dialect);
        ipc.send(new IpcMessage.Version(dialect.version()));

        TransportRegistry transports = TransportRegistry.load();
        DispatcherConfig config;
        try {
            if (flagError.isPresent()) {
                throw new ConfigException(flagError.get());
            }
            config = ConfigReader.read(given, dialect, name -> transports.find(name).map(Transport::carriesDestination).orElse(false),
                    io.workingDirectory());
            StateDirectory.ensure(config.stateDirectory());
        } catch (ConfigException e) {
            ipc.send(new IpcMessage.EnvError(e.getMessage()));
            return ExitCode.USAGE;
        }
        ipc.useLogLevel(config.logLevel());

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

        NetworkRuntime network = startNetwork(config.stateDirectory());
        TrafficCounts traffic = new TrafficCounts();
        Optional<TrafficReports> reports = Optional.empty();
        try {
            Dialer dialer = new Dialer(network, upstream, config.outboundBind(), config.connectTimeout());
            TransportMethods methods = config.role() == Role.CLIENT
                    ? new ClientMethods(config, network, dialer, connectionReporter(), traffic)
                    : new ServerMethods(config, network, dialer, traffic);
            watch.drainWith(network::closeListeners, network::openConnections);
            if (!watch.stopping()) {
                // A signal during start-up: nothing more is announced or served.
                Map<String, ProxyListener> announced = start(methods, config, transports);
                serve(announced);
                TransportWarmUp.start(announced.keySet().stream().flatMap(name -> transports.find(name).stream()).toList(),
                        config.role());
                // After the DONE line, which a parent may read as the end of what start-up says.
                reports = config.trafficInterval().map(interval -> TrafficReports.every(interval, traffic, ipc));
            }
            if (config.exitOnStdinClose()) {
                watch.watchStdin(io.stdin());
            }
            watch.watchParent();
            String why = watch.reason().join();
            LOG.log(System.Logger.Level.INFO, "shutting down: " + why);
            LOG.log(System.Logger.Level.DEBUG, Relay.resets() + " relayed connections ended with a reset, passed on; "
                    + PeerReset.count() + " connections in all ended with a peer's reset");
            return ExitCode.OK;
        } finally {
            reports.ifPresent(TrafficReports::close);
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

    /**
     * Channel ids need only be unique; a random machine id spares scanning the network interfaces
     * at start-up (and a warning where only loopback exists). Set before {@link NettyWarmUp} reads it.
     */
    private static void setNettyMachineId() {
        if (System.getProperty("io.netty.machineId") == null) {
            byte[] id = new byte[8];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(id);
            System.setProperty("io.netty.machineId", java.util.HexFormat.ofDelimiter(":").formatHex(id));
        }
    }

    /**
     * Binds and announces each requested transport this build has (unknown names are skipped, as
     * the spec asks), or announces why it could not: the configuration refused it, the transport
     * refused its options, or the address could not be bound. Then the line that ends the list.
     *
     * @return the announced listeners, by transport name
     */
    private Map<String, ProxyListener> start(TransportMethods methods, DispatcherConfig config, TransportRegistry registry) {
        Map<String, ProxyListener> announced = new LinkedHashMap<>();
        methods.requested().forEach((name, address) -> {
            Optional<Transport> transport = registry.find(name);
            if (transport.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, "skipping unknown transport " + name);
                return;
            }
            Optional<String> refusal = config.refusal(name);
            if (refusal.isPresent()) {
                ipc.send(methods.error(name, refusal.get()));
                return;
            }
            try {
                TransportMethods.Method method = methods.open(name, transport.get());
                HostPort bound = method.listener().bind(address);
                ipc.send(method.announcement().apply(bound));
                LOG.log(System.Logger.Level.INFO, method.ready().apply(bound));
                announced.put(name, method.listener());
            } catch (InvalidTransportOptionsException | ListenFailedException e) {
                ipc.send(methods.error(name, e.getMessage()));
            }
        });
        ipc.send(methods.done());
        return announced;
    }

    /**
     * Starts the announced listeners. Announcing first is the point (see {@code ListeningSocket}):
     * the parent can connect while Netty is still being set up, and its connections wait in the
     * kernel's backlog. A listener that cannot be served now was announced all the same, and there
     * is no message to take an announcement back, so it is an ERROR log line.
     */
    private void serve(Map<String, ProxyListener> announced) {
        announced.forEach((name, listener) -> {
            try {
                listener.serve();
            } catch (ListenFailedException e) {
                LOG.log(System.Logger.Level.ERROR, name + ": " + e.getMessage());
            }
        });
    }

    /** STATUS lines where the dialect has them: {@code STATUS TRANSPORT=t ADDRESS=a CONNECT=Success|Failed [ERRSTR=...]}. */
    private ConnectionReporter connectionReporter() {
        if (!ipc.dialect().reportsConnections()) {
            return ConnectionReporter.NONE;
        }
        return (transport, server, failure) -> {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("ADDRESS", server.toString());
            values.put("CONNECT", failure.isPresent() ? "Failed" : "Success");
            failure.ifPresent(why -> values.put("ERRSTR", why));
            ipc.send(new IpcMessage.Status(transport, values));
        };
    }
}
