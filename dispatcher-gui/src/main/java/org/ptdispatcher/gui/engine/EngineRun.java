package org.ptdispatcher.gui.engine;

import org.ptdispatcher.gui.profile.ConfigDirectory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One running PT child process. Its stdout and stderr are read line by line on two daemon threads
 * (never the FX thread), parsed with the engine's IPC parser, and handed to the listener through
 * {@code delivery} ({@code Platform::runLater} in the app, a queue the test thread drains in tests).
 * The exit is delivered after the last line of both streams. {@link ProcessEngineLauncher} starts
 * these for the app.
 */
public final class EngineRun implements RunningEngine {
    /** How long a PT gets to exit after its stdin closes, and then after SIGTERM (spec section 1.3). */
    public static final Duration GRACE = Duration.ofSeconds(5);
    public static final Duration TERMINATE_GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();

    private EngineRun(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code plan}. The child inherits the app's environment less every {@code TOR_PT_*}
     * variable (a stray one would change what the PT does), plus the plan's variables.
     *
     * @throws IOException if the program cannot be started (not found, not executable)
     */
    public static EngineRun start(LaunchPlan plan, EngineLauncher.Listener listener, Executor delivery) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(plan.command());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TOR_PT_"));
        env.putAll(plan.environment());
        Path state = plan.stateDirectory();
        ConfigDirectory.createOwnerOnly(state);
        for (Map.Entry<Path, String> file : plan.files().entrySet()) {
            ConfigDirectory.writeOwnerOnly(file.getKey(), file.getValue());
        }
        builder.directory(state.toFile());
        EngineRun run = new EngineRun(builder.start());
        run.follow(listener, delivery);
        return run;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Completes with the exit code once the process has ended and both streams were read to their
     * end (the listener's {@code onExit} may still be on its way through the delivery executor).
     */
    @Override
    public CompletableFuture<Integer> exit() {
        return exited;
    }

    /**
     * Stops the child as spec section 1.3 says, without blocking the caller: close its stdin, wait
     * {@code grace}; then SIGTERM ({@link Process#destroy}), wait {@code terminateGrace}; then kill.
     */
    public CompletableFuture<Integer> stop(Duration grace, Duration terminateGrace) {
        Thread stopper = new Thread(() -> {
            try {
                try {
                    process.getOutputStream().close();
                } catch (IOException alreadyClosed) {
                    // the child is gone or closed its end: the waits below find out
                }
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroy();
                    if (!process.waitFor(terminateGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }, "engine-stop-" + process.pid());
        stopper.setDaemon(true);
        stopper.start();
        return exited;
    }

    @Override
    public CompletableFuture<Integer> stop() {
        return stop(GRACE, TERMINATE_GRACE);
    }

    /** Last resort when the app itself is going away: no waiting. */
    @Override
    public void kill() {
        process.destroyForcibly();
    }

    private void follow(EngineLauncher.Listener listener, Executor delivery) {
        Thread out = pump(process.getInputStream(), OutputLine.Stream.STDOUT, listener, delivery);
        Thread err = pump(process.getErrorStream(), OutputLine.Stream.STDERR, listener, delivery);
        Thread waiter = new Thread(() -> {
            int code;
            try {
                code = process.waitFor();
                out.join();
                err.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // Completed here, not through the delivery executor: the app waits on it from the FX
            // thread when it closes, and that thread would never run a delivered task meanwhile.
            exited.complete(code);
            delivery.execute(() -> listener.onExit(code));
        }, "engine-wait-" + process.pid());
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pump(InputStream stream, OutputLine.Stream which, EngineLauncher.Listener listener, Executor delivery) {
        Clock clock = Clock.systemUTC();
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    OutputLine parsed = OutputLine.parse(which, line, clock.instant());
                    delivery.execute(() -> listener.onLine(parsed));
                }
            } catch (IOException e) {
                // the stream ends with the process; nothing more to read
            }
        }, "engine-" + which.name().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
