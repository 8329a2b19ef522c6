package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.share.ShareText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bridge operator's tor ({@link TorService#runBridge}): {@code BridgeRelay 1} with the app's
 * engine as its server transport ({@link Torrc#bridge}), then a {@link TorRun} that at 100% makes
 * the complete line a client needs: the transport's address (where tor registered it; a wildcard
 * replaced by the address tor found for itself), tor's fingerprint, and the arguments the
 * transport wrote into its bridge-line file ({@link OperatorBridgeLine}). Tor's self-test of its
 * ORPort is reported as it goes.
 */
public final class TorBridgeRun {
    /** How long tor may take, after 100%, to have registered the transport and the transport to have written its line. */
    static final Duration TRANSPORT_WAIT = Duration.ofSeconds(60);
    // Registered server transport 'obfs4' at '[::]:5140'
    private static final Pattern REGISTERED = Pattern.compile("Registered server transport '([^']+)' at '([^']+)'");

    private TorBridgeRun() {
    }

    public static TorRun<BridgeLine> start(TorBridgeRequest request, TorBridgeListener listener, Executor delivery) {
        CompletableFuture<HostPort> registered = new CompletableFuture<>();
        TorBridgeListener watching = new Watcher(request.transport(), listener, registered);
        return TorRun.start("tor-bridge-run", () -> prepare(request), control -> line(request, control, registered), watching, delivery);
    }

    private static TorRun.Prepared prepare(TorBridgeRequest request) throws TorSetupException, IOException {
        EngineProgram engine = request.engine().orElseThrow(() -> new TorSetupException(new TorFailure.EngineNotFound()));
        Path tor = TorLocator.locate(request.chosenTor());
        Path data = request.workDirectory().resolve("data");
        TorBridgeConfig config = new TorBridgeConfig(request.transport(), TorClientRun.engineCommand(engine, request.engineLogLevel()),
                request.orPort().orElse(0), request.listenAddress(), request.transportOptions(), request.publicBridge(), request.nickname(),
                Optional.empty(), data, ProcessHandle.current().pid(), request.includes());
        String torrc = Torrc.bridge(config);
        Path torrcFile = TorRun.writeTorrc(request.workDirectory(), data, torrc, config.controlPortFile(), config.cookieFile());
        return new TorRun.Prepared(new TorLaunch(tor, torrcFile, request.workDirectory(), config.controlPortFile(), config.cookieFile()),
                TorStatusInterpreter.forBridge(request.transport()));
    }

    private static BridgeLine line(TorBridgeRequest request, TorControlConnection control, CompletableFuture<HostPort> registered)
            throws IOException, InterruptedException {
        HostPort bound;
        try {
            bound = registered.get(TRANSPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("tor did not register the " + request.transport() + " server within " + TRANSPORT_WAIT.toSeconds() + " s");
        }
        String host = request.listenAddress().host();
        if (ShareText.isWildcard(request.listenAddress())) {
            host = publicAddress(control).orElse(host);
        }
        HostPort reachableAt = new HostPort(host, bound.port());
        Path data = request.workDirectory().resolve("data");
        Path ptLine = data.resolve("pt_state").resolve(request.transport() + "_bridgeline.txt");
        long deadline = System.nanoTime() + TRANSPORT_WAIT.toNanos();
        // obfs4 writes its line as its server starts; a transport without arguments (plain) writes none.
        while (!Files.exists(ptLine) && System.nanoTime() < deadline && needsArguments(request.transport())) {
            Thread.sleep(100);
        }
        String fingerprint = control.getInfo("fingerprint");
        return OperatorBridgeLine.of(request.transport(), reachableAt, fingerprint,
                Files.exists(ptLine) ? Optional.of(Files.readString(ptLine)) : Optional.empty());
    }

    /** The transports whose servers write a bridge-line file with the arguments a client needs. */
    private static boolean needsArguments(String transport) {
        return transport.equals("obfs4");
    }

    /** The address tor found for itself ({@code GETINFO address}), if it found one. */
    private static Optional<String> publicAddress(TorControlConnection control) {
        try {
            String address = control.getInfo("address").trim();
            return address.isEmpty() ? Optional.empty() : Optional.of(address);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Passes everything on, and reads from tor's log where it registered the transport and what its self-test found. */
    private record Watcher(String transport, TorBridgeListener listener, CompletableFuture<HostPort> registered) implements TorBridgeListener {
        @Override
        public void onLog(TorLogLine line) {
            Matcher m = REGISTERED.matcher(line.message());
            if (m.find() && m.group(1).equals(transport)) {
                try {
                    registered.complete(HostPort.parseDestination(m.group(2)));
                } catch (IllegalArgumentException e) {
                    registered.completeExceptionally(e);
                }
            }
            listener.onLog(line);
            BridgeReachability.fromLogMessage(line.message()).ifPresent(listener::onReachability);
        }

        @Override
        public void onProgress(BootstrapStatus status) {
            listener.onProgress(status);
        }

        @Override
        public void onProblem(TorFailure failure, boolean blocking) {
            listener.onProblem(failure, blocking);
        }

        @Override
        public void onReady(BridgeLine line) {
            listener.onReady(line);
        }

        @Override
        public void onReachability(BridgeReachability reachability) {
            listener.onReachability(reachability);
        }

        @Override
        public void onEnded(TorEnding ending) {
            registered.completeExceptionally(new IOException("tor ended"));
            listener.onEnded(ending);
        }
    }
}
