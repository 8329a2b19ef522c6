package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.profile.ConfigDirectory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Tor as the app's child, whatever it is for (a client's {@link TorClientRun}, a bridge's
 * {@link TorBridgeRun}): the run prepares its torrc, starts tor with it, reads tor's stdout as the
 * run's log (interpreted by {@link TorStatusInterpreter}), and once tor has written its control
 * port's address authenticates there, takes ownership (tor exits when the app dies, as
 * {@code __OwningControllerProcess} also ensures), follows {@code STATUS_CLIENT} events, and at
 * 100% asks tor for what the run offers ({@link ReadyStep}); from then on it may follow further
 * events that change what the run offers ({@link Following}: a client's bridge in use). Stop shuts
 * tor down through the control port; tor ends the transport it spawned.
 *
 * @param <R> what the run offers once bootstrapped
 */
public final class TorRun<R> implements TorSession {
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    public static final Duration TERMINATE_GRACE = Duration.ofSeconds(3);

    /** Writes the run's files and says what to start; runs on the run's own thread. */
    public interface Preparation {
        Prepared prepare() throws TorSetupException, IOException;
    }

    /** What {@link Preparation} made: the process to start and how to read what it says. */
    public record Prepared(TorLaunch launch, TorStatusInterpreter interpreter) {
    }

    /** What the run reads from tor at 100%, on the run's thread, before it reports ready. */
    public interface ReadyStep<R> {
        R read(TorControlConnection control) throws IOException, InterruptedException;
    }

    /** Events a ready run follows, and how each changes what it offers. */
    public interface Following<R> {
        /** The events to ask tor for once the run is ready (empty: none). */
        List<String> events();

        /** What the run offers after {@code event}, when the event changed it; on the control connection's reader thread. */
        Optional<R> after(ControlReply event, R offered);

        static <R> Following<R> nothing() {
            return new Following<>() {
                @Override
                public List<String> events() {
                    return List.of();
                }

                @Override
                public Optional<R> after(ControlReply event, R offered) {
                    return Optional.empty();
                }
            };
        }
    }

    private final TorRunEvents<R> listener;
    private final Executor delivery;
    private final Following<R> following;
    private final CompletableFuture<TorEnding> ended = new CompletableFuture<>();
    private final Object lock = new Object();
    private TorStatusInterpreter interpreter;
    private Process process;
    private TorControlConnection control;
    private Optional<TorFailure> firstBlocking = Optional.empty();
    private String lastWarning = "";
    private boolean ready;
    /** What the run offers, once ready: the ready step's, then as {@link #following} changed it. */
    private R offered;
    private boolean stopping;

    private TorRun(TorRunEvents<R> listener, Executor delivery, Following<R> following) {
        this.listener = listener;
        this.delivery = delivery;
        this.following = following;
    }

    /** Returns at once; the work happens on the run's own threads, and every outcome reaches {@code listener}. */
    public static <R> TorRun<R> start(String name, Preparation preparation, ReadyStep<R> readyStep, TorRunEvents<R> listener,
                                      Executor delivery) {
        return start(name, preparation, readyStep, Following.nothing(), listener, delivery);
    }

    /** {@link #start(String, Preparation, ReadyStep, TorRunEvents, Executor)}, following {@code following} once ready. */
    public static <R> TorRun<R> start(String name, Preparation preparation, ReadyStep<R> readyStep, Following<R> following,
                                      TorRunEvents<R> listener, Executor delivery) {
        TorRun<R> run = new TorRun<>(listener, delivery, following);
        Thread supervisor = new Thread(() -> run.supervise(preparation, readyStep), name);
        supervisor.setDaemon(true);
        supervisor.start();
        return run;
    }

    /**
     * Makes the run's directories owner-only, removes the control files an earlier run left (either
     * could be read before tor writes its new one) and writes the torrc owner-only.
     */
    public static Path writeTorrc(Path workDirectory, Path dataDirectory, String torrc, Path controlPortFile, Path cookieFile)
            throws IOException {
        if (workDirectory.getParent() != null) {
            ConfigDirectory.createOwnerOnly(workDirectory.getParent());
        }
        ConfigDirectory.createOwnerOnly(workDirectory);
        ConfigDirectory.createOwnerOnly(dataDirectory);
        Files.deleteIfExists(controlPortFile);
        Files.deleteIfExists(cookieFile);
        Path torrcFile = workDirectory.resolve("torrc");
        Files.writeString(torrcFile, torrc, StandardCharsets.UTF_8);
        ConfigDirectory.restrictToOwner(torrcFile, false);
        return torrcFile;
    }

    @Override
    public CompletableFuture<TorEnding> ended() {
        return ended;
    }

    @Override
    public void kill() {
        Process running;
        synchronized (lock) {
            stopping = true;
            running = process;
        }
        if (running != null) {
            running.destroyForcibly();
        }
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
                // Without the control port, SIGTERM is how tor is asked (it exits at once on it).
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

    /** Whether tor reported 100% and what the run offers was read. */
    public boolean isReady() {
        synchronized (lock) {
            return ready;
        }
    }

    /** Tor's process id while it runs. */
    public OptionalInt pid() {
        synchronized (lock) {
            return process == null ? OptionalInt.empty() : OptionalInt.of((int) process.pid());
        }
    }

    private void supervise(Preparation preparation, ReadyStep<R> readyStep) {
        Prepared prepared;
        try {
            prepared = preparation.prepare();
            synchronized (lock) {
                interpreter = prepared.interpreter();
                if (stopping) {
                    finish(new TorEnding(OptionalInt.empty(), Optional.empty()));
                    return;
                }
                TorLaunch launch = prepared.launch();
                ProcessBuilder builder = new ProcessBuilder(launch.tor().toString(), "-f", launch.torrcFile().toString());
                // tor hands its environment to the transports: no stray TOR_PT_* may reach them
                builder.environment().keySet().removeIf(name -> name.startsWith("TOR_PT_"));
                builder.redirectErrorStream(true);
                builder.directory(launch.workDirectory().toFile());
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
            followControlPort(prepared.launch(), readyStep);
        } catch (IOException e) {
            if (process.isAlive() && !isStopping()) {
                report(new TorStatusInterpreter.Finding.Problem(new TorFailure.ControlPortFailed(String.valueOf(e.getMessage())), true));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void followControlPort(TorLaunch launch, ReadyStep<R> readyStep) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!Files.exists(launch.controlPortFile()) || !Files.exists(launch.cookieFile())) {
            if (!process.isAlive() || isStopping()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("tor wrote no control port address within " + STARTUP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        TorControlConnection connection = TorControlConnection.open(TorControlConnection.readPortFile(launch.controlPortFile()), this::onEvent);
        synchronized (lock) {
            if (stopping) {
                connection.close();
                return;
            }
            control = connection;
        }
        connection.authenticate(launch.cookieFile());
        connection.takeOwnership();
        connection.setEvents("STATUS_CLIENT");
        onStatus(connection.getInfo("status/bootstrap-phase"));
        if (!awaitDone()) {
            return;
        }
        R read = readyStep.read(connection);
        synchronized (lock) {
            if (stopping || !process.isAlive()) {
                return;
            }
            ready = true;
            offered = read;
        }
        delivery.execute(() -> listener.onReady(read));
        if (!following.events().isEmpty()) {
            List<String> events = new java.util.ArrayList<>(List.of("STATUS_CLIENT"));
            events.addAll(following.events());
            connection.setEvents(events.toArray(String[]::new));
        }
    }

    /** Waits (on the supervisor thread) until the interpreter saw 100%; false if the run ends first. */
    private boolean awaitDone() throws InterruptedException {
        synchronized (lock) {
            while (!interpreter.progress().isDone()) {
                if (ended.isDone() || stopping || process == null || !process.isAlive()) {
                    return false;
                }
                lock.wait(200);
            }
            return true;
        }
    }

    private void onEvent(ControlReply event) {
        String text = event.firstLine();
        if (text.startsWith("STATUS_CLIENT ")) {
            onStatus(text.substring("STATUS_CLIENT ".length()));
            return;
        }
        Optional<R> changed;
        synchronized (lock) {
            if (!ready || stopping) {
                return;
            }
            changed = following.after(event, offered);
            changed.ifPresent(now -> offered = now);
        }
        changed.ifPresent(now -> delivery.execute(() -> listener.onUpdate(now)));
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
                    // "Reading config failed--see warnings above": the warning above says more
                    if (line.level().ordinal() <= LogLevel.WARN.ordinal() && !line.message().contains("see warnings above")) {
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
}
