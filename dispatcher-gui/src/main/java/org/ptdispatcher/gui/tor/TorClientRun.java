package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.share.ShareFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client tor through the user's bridges and the app's engine ({@link TorService#connect}): its
 * torrc from the request, then a {@link TorRun} that at 100% reads where tor's SOCKS and HTTP
 * CONNECT ports listen.
 */
public final class TorClientRun {
    /** How many failed connections to one bridge make it "unreachable". */
    static final int FAILURES_PER_BRIDGE = 3;

    private TorClientRun() {
    }

    /** Returns at once; the work happens on the run's own threads. */
    public static TorRun<TorProxies> start(TorConnectRequest request, TorRunListener listener, Executor delivery) {
        // Read in the preparation (a malformed line is the run's failure), used at 100% and after.
        AtomicReference<List<BridgeLine>> bridges = new AtomicReference<>();
        return TorRun.start("tor-client-run", () -> {
            bridges.set(bridges(request.bridgeLines()));
            return prepare(request, bridges.get());
        }, control -> proxies(control, bridges.get()), bridgeChanges(bridges), listener, delivery);
    }

    /**
     * Once ready, each circuit tor builds says again which bridge it goes through: tor goes over to
     * another of the user's bridges when the one it used stops working, and the run says so.
     */
    private static TorRun.Following<TorProxies> bridgeChanges(AtomicReference<List<BridgeLine>> bridges) {
        return new TorRun.Following<>() {
            @Override
            public List<String> events() {
                return List.of("CIRC");
            }

            @Override
            public Optional<TorProxies> after(ControlReply event, TorProxies offered) {
                return BridgeInUse.ofBuiltCircuit(event.firstLine(), bridges.get()).map(TorStatusInterpreter::name)
                        .filter(bridge -> !offered.bridgeInUse().equals(Optional.of(bridge)))
                        .map(offered::withBridgeInUse);
            }
        };
    }

    private static TorRun.Prepared prepare(TorConnectRequest request, List<BridgeLine> bridges) throws TorSetupException, java.io.IOException {
        EngineProgram engine = request.engine().orElseThrow(() -> new TorSetupException(new TorFailure.EngineNotFound()));
        Path tor = TorLocator.locate(request.chosenTor());
        Path data = request.workDirectory().resolve("data");
        TorClientConfig config = new TorClientConfig(bridges, engineCommand(engine, request.engineLogLevel()), request.socksPort(),
                request.httpTunnelPort(), data, ProcessHandle.current().pid(), request.includes());
        String torrc = Torrc.client(config);
        Path torrcFile = TorRun.writeTorrc(request.workDirectory(), data, torrc, config.controlPortFile(), config.cookieFile());
        return new TorRun.Prepared(new TorLaunch(tor, torrcFile, request.workDirectory(), config.controlPortFile(), config.cookieFile()),
                new TorStatusInterpreter(bridges, FAILURES_PER_BRIDGE));
    }

    private static TorProxies proxies(TorControlConnection control, List<BridgeLine> bridges) throws java.io.IOException {
        Optional<String> bridge = BridgeInUse.of(control.getInfo("circuit-status"), bridges).map(TorStatusInterpreter::name);
        return new TorProxies(TorProxies.firstListener(control.getInfo("net/listeners/socks")),
                TorProxies.firstListener(control.getInfo("net/listeners/httptunnel")), bridge);
    }

    private static List<BridgeLine> bridges(List<String> lines) throws TorSetupException {
        List<BridgeLine> bridges = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                bridges.add(BridgeLine.parse(line));
            } catch (ShareFormatException e) {
                throw new TorSetupException(new TorFailure.MalformedBridgeLine(line.strip(), e.messageKey(), e.args()));
            }
        }
        if (bridges.isEmpty()) {
            throw new TorSetupException(new TorFailure.NoBridge(""));
        }
        return bridges;
    }

    /** The engine as tor runs it; our own engine also sends its LOG lines, which tor logs. */
    static List<String> engineCommand(EngineProgram engine, LogLevel level) {
        List<String> command = new ArrayList<>(engine.command());
        if (engine.builtIn() && level != LogLevel.NONE) {
            command.add("-ipcLogLevel");
            command.add(level.name());
        }
        return command;
    }
}
