package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.profile.ConfigDirectory;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.share.ShareFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A client tor as the app's child, through the user's bridges and the app's engine. Tor's stdout
 * is the run's log (read on a thread of its own, interpreted by {@link TorStatusInterpreter});
 * once tor has written its control port's address, a second thread authenticates there, takes
 * ownership (tor exits when the app dies, as {@code __OwningControllerProcess} also ensures),
 * follows {@code STATUS_CLIENT} events, and at 100% asks for the proxies' real addresses.
 */
public final class TorClientRun implements TorSession {
    /** How many failed connections to one bridge make it "unreachable". */
    static final int FAILURES_PER_BRIDGE = 3;
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    public static final Duration TERMINATE_GRACE = Duration.ofSeconds(3);

    private final TorRunListener listener;
    private final Executor delivery;
    private final CompletableFuture<TorEnding> ended = new CompletableFuture<>();
    private final Object lock = new Object();
    private TorStatusInterpreter interpreter;
    private Process process;
    private TorControlConnection control;
    private Optional<TorFailure> firstBlocking = Optional.empty();
    private String lastWarning = "";
    private boolean ready;
    private boolean stopping;

    private TorClientRun(TorRunListener listener, Executor delivery) {
        this.listener = listener;
        this.delivery = delivery;
    }

    /** {@link TorService#connect}: returns at once; the work happens on the run's own threads. */
    public static TorClientRun start(TorConnectRequest request, TorRunListener listener, Executor delivery) {
        TorClientRun run = new TorClientRun(listener, delivery);
        Thread supervisor = new Thread(() -> run.supervise(request), "tor-run");
        supervisor.setDaemon(true);
        supervisor.start();
        return run;
    }

    @Override
    public CompletableFuture<TorEnding> ended() {
        return ended;
    }

    @Override
    public CompletableFuture<TorEnding> stop() {
        Process running;
        TorControlConnection connection;
        synchronized (lock) {
            stopping = true;
            running = process;
            connection = control;
        }
        if (running == null) {
            return ended;
        }
        Thread stopper = new Thread(() -> {
            boolean asked = false;
            if (connection != null) {
                try {
                    connection.shutdown();
                    asked = true;
                } catch (IOException e) {
                    // tor is already going, or its control port is gone: SIGTERM below
                }
                connection.close();
            }
            try {
                // Without the control port, SIGTERM is how tor is asked (a client exits at once on it).
                if (!asked || !running.waitFor(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.destroy();
                    if (!running.waitFor(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        running.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                running.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }, "tor-stop");
        stopper.setDaemon(true);
        stopper.start();
        return ended;
    }

    private void supervise(TorConnectRequest request) {
        TorClientConfig config;
        Path tor;
        try {
            List<BridgeLine> bridges = bridges(request.bridgeLines());
            EngineProgram engine = request.engine().orElseThrow(() -> new TorSetupException(new TorFailure.EngineNotFound()));
            tor = TorLocator.locate(request.chosenTor());
            Path data = request.workDirectory().resolve("data");
            config = new TorClientConfig(bridges, engineCommand(engine, request.engineLogLevel()), request.socksPort(),
                    request.httpTunnelPort(), data, ProcessHandle.current().pid(), request.includes());
            String torrc = Torrc.client(config);
            if (request.workDirectory().getParent() != null) {
                ConfigDirectory.createOwnerOnly(request.workDirectory().getParent());
            }
            ConfigDirectory.createOwnerOnly(request.workDirectory());
            ConfigDirectory.createOwnerOnly(data);
            // Left from an earlier run, either could be read before tor writes its new one.
            Files.deleteIfExists(config.controlPortFile());
            Files.deleteIfExists(config.cookieFile());
            Path torrcFile = request.workDirectory().resolve("torrc");
            Files.writeString(torrcFile, torrc, StandardCharsets.UTF_8);
            ConfigDirectory.restrictToOwner(torrcFile, false);
            synchronized (lock) {
                interpreter = new TorStatusInterpreter(bridges, FAILURES_PER_BRIDGE);
                if (stopping) {
                    finish(new TorEnding(OptionalInt.empty(), Optional.empty()));
                    return;
                }
                ProcessBuilder builder = new ProcessBuilder(tor.toString(), "-f", torrcFile.toString());
                // tor hands its environment to the transports: no stray TOR_PT_* may reach them
                builder.environment().keySet().removeIf(name -> name.startsWith("TOR_PT_"));
                builder.redirectErrorStream(true);
                builder.directory(request.workDirectory().toFile());
                process = builder.start();
            }
        } catch (TorSetupException e) {
            finish(TorEnding.before(e.failure()));
            return;
        } catch (IOException e) {
            finish(TorEnding.before(new TorFailure.TorExited(-1, String.valueOf(e.getMessage()))));
            return;
        }
        Thread output = new Thread(this::readOutput, "tor-stdout");
        output.setDaemon(true);
        output.start();
        Thread waiter = new Thread(() -> awaitExit(output), "tor-wait");
        waiter.setDaemon(true);
        waiter.start();
        try {
            followControlPort(config);
        } catch (IOException e) {
            if (process.isAlive() && !isStopping()) {
                report(new TorStatusInterpreter.Finding.Problem(new TorFailure.ControlPortFailed(String.valueOf(e.getMessage())), true));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private void followControlPort(TorClientConfig config) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!Files.exists(config.controlPortFile()) || !Files.exists(config.cookieFile())) {
            if (!process.isAlive() || isStopping()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("tor wrote no control port address within " + STARTUP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        TorControlConnection connection = TorControlConnection.open(TorControlConnection.readPortFile(config.controlPortFile()), this::onEvent);
        synchronized (lock) {
            if (stopping) {
                connection.close();
                return;
            }
            control = connection;
        }
        connection.authenticate(config.cookieFile());
        connection.takeOwnership();
        connection.setEvents("STATUS_CLIENT");
        onStatus(connection.getInfo("status/bootstrap-phase"));
        awaitDone();
        TorProxies proxies = new TorProxies(TorProxies.firstListener(connection.getInfo("net/listeners/socks")),
                TorProxies.firstListener(connection.getInfo("net/listeners/httptunnel")));
        synchronized (lock) {
            ready = true;
        }
        delivery.execute(() -> listener.onReady(proxies));
    }

    /** Waits (on the supervisor thread) until the interpreter saw 100% or the run ends. */
    private void awaitDone() throws InterruptedException, IOException {
        synchronized (lock) {
            while (!interpreter.progress().isDone()) {
                if (ended.isDone() || stopping || process == null || !process.isAlive()) {
                    throw new IOException("tor ended before it was ready");
                }
                lock.wait(200);
            }
        }
    }

    private void onEvent(ControlReply event) {
        String text = event.firstLine();
        if (text.startsWith("STATUS_CLIENT ")) {
            onStatus(text.substring("STATUS_CLIENT ".length()));
        }
    }

    private void onStatus(String text) {
        List<TorStatusInterpreter.Finding> findings;
        synchronized (lock) {
            findings = interpreter.onStatusEvent(text);
            lock.notifyAll();
        }
        findings.forEach(this::report);
    }

    private void readOutput() {
        Clock clock = Clock.systemUTC();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = reader.readLine()) != null) {
                TorLogLine line = TorLogLine.fromStdout(text, clock.instant());
                List<TorStatusInterpreter.Finding> findings;
                synchronized (lock) {
                    if (line.level().ordinal() <= LogLevel.WARN.ordinal()) {
                        lastWarning = line.message();
                    }
                    findings = interpreter.onLog(line);
                    lock.notifyAll();
                }
                delivery.execute(() -> listener.onLog(line));
                findings.forEach(this::report);
            }
        } catch (IOException e) {
            // the stream ends with the process
        }
    }

    private void report(TorStatusInterpreter.Finding finding) {
        if (finding instanceof TorStatusInterpreter.Finding.Progress progress) {
            delivery.execute(() -> listener.onProgress(progress.status()));
        } else if (finding instanceof TorStatusInterpreter.Finding.Problem problem) {
            synchronized (lock) {
                if (problem.blocking() && firstBlocking.isEmpty()) {
                    firstBlocking = Optional.of(problem.failure());
                }
            }
            delivery.execute(() -> listener.onProblem(problem.failure(), problem.blocking()));
        }
    }

    private void awaitExit(Thread output) {
        int code;
        try {
            code = process.waitFor();
            output.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        TorControlConnection connection;
        Optional<TorFailure> failure;
        synchronized (lock) {
            connection = control;
            failure = firstBlocking;
            if (failure.isEmpty() && !stopping) {
                // tor ended by itself: say so, with its last warning
                failure = Optional.of(new TorFailure.TorExited(code, lastWarning));
            }
            lock.notifyAll();
        }
        if (connection != null) {
            connection.close();
        }
        finish(new TorEnding(OptionalInt.of(code), failure));
    }

    private void finish(TorEnding ending) {
        // Completed here, not through the delivery executor: a caller may wait for it on the thread that delivers.
        ended.complete(ending);
        delivery.execute(() -> listener.onEnded(ending));
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Whether tor reported 100% and its proxies' addresses were read. */
    public boolean isReady() {
        synchronized (lock) {
            return ready;
        }
    }
}
