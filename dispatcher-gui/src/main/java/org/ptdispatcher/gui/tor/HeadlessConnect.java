package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.EngineLocator;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.ConfigDirectory;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The app without a window: {@code --connect PROFILE-NAME-OR-BRIDGE-LINE} runs the same Tor launch
 * as the window's Connect, prints each bootstrap phase ({@code Bootstrapped 45%: ...}), tor's
 * warnings and the transport's lines on stderr, then {@code Ready: SOCKS5 127.0.0.1:P, HTTP
 * 127.0.0.1:Q} and the bridge tor went through ({@code Bridge in use: obfs4 192.0.2.3:443}), and stays up until it is stopped (SIGTERM, Ctrl+C), when it shuts tor down. It exits
 * 1 with the failure explained when tor cannot get online, 2 when the arguments cannot be read.
 * JavaFX is never started.
 */
public final class HeadlessConnect {
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final TorFailureText.Source messages = TorFailureText.english();

    HeadlessConnect(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the exit code (0 when stopped after it was ready). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        HeadlessArguments arguments;
        try {
            arguments = HeadlessArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        return new HeadlessConnect(out, err).connect(arguments, ConfigDirectory.locate());
    }

    int connect(HeadlessArguments arguments, Path configDirectory) {
        AppSettings settings = new SettingsStore(configDirectory).load();
        ProfileStore profiles = new ProfileStore(configDirectory);
        List<String> lines = new ArrayList<>();
        String runName = "connect";
        for (String target : arguments.targets()) {
            Optional<Profile> profile = profile(profiles, target);
            if (profile.isPresent()) {
                List<String> ofProfile = TorConnectRequest.bridgeLinesOf(profile.get());
                if (ofProfile.isEmpty()) {
                    return fail(new TorFailure.NoBridge(target));
                }
                lines.addAll(ofProfile);
                runName = profile.get().id();
            } else if (!target.strip().contains(" ")) {
                return fail(new TorFailure.NoBridge(target));
            } else {
                lines.add(target);
            }
        }
        TorConnectRequest request = new TorConnectRequest(lines, arguments.tor().orElse(settings.torProgram()),
                new EngineLocator().resolve(settings.engineProgram()), LogLevel.INFO, arguments.socksPort(), arguments.httpPort(),
                configDirectory.resolve("tor").resolve(runName), arguments.torConfigs());

        CompletableFuture<Optional<TorFailure>> outcome = new CompletableFuture<>();
        Printer printer = new Printer(arguments.verbose(), outcome);
        TorSession session = TorService.processes().connect(request, printer, Runnable::run);
        Thread stopOnExit = new Thread(() -> session.stop().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> null).join(), "tor-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);

        Optional<TorFailure> failure;
        try {
            failure = arguments.timeout() == 0 ? outcome.get() : outcome.get(arguments.timeout(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            failure = Optional.of(new TorFailure.Stalled(printer.last, arguments.timeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (ExecutionException e) {
            failure = Optional.of(new TorFailure.ControlPortFailed(String.valueOf(e.getCause())));
        }
        if (failure.isPresent()) {
            session.stop().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> null).join();
            removeHook(stopOnExit);
            return fail(failure.get());
        }
        // Ready: serve until stopped (the shutdown hook shuts tor down) or until tor ends by itself.
        TorEnding ending = session.ended().join();
        removeHook(stopOnExit);
        if (ending.failure().isPresent()) {
            return fail(ending.failure().get());
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs anyway
        }
    }

    private int fail(TorFailure failure) {
        err.println("Failed: " + TorFailureText.explain(failure, messages));
        return FAILED;
    }

    private static Optional<Profile> profile(ProfileStore profiles, String name) {
        try {
            return profiles.load().stream().filter(p -> p.name().equals(name.strip())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Prints what the run reports, in the order it arrives (delivered on the run's threads). */
    private final class Printer implements TorRunListener {
        private final boolean verbose;
        private final CompletableFuture<Optional<TorFailure>> outcome;
        private volatile BootstrapStatus last = BootstrapStatus.STARTING;

        Printer(boolean verbose, CompletableFuture<Optional<TorFailure>> outcome) {
            this.verbose = verbose;
            this.outcome = outcome;
        }

        @Override
        public synchronized void onLog(TorLogLine line) {
            if (verbose || line.source() == TorLogLine.Source.TRANSPORT || line.level().ordinal() <= LogLevel.WARN.ordinal()) {
                err.println("[" + line.level().name().toLowerCase(java.util.Locale.ROOT) + "] " + line.message());
            }
        }

        @Override
        public synchronized void onProgress(BootstrapStatus status) {
            last = status;
            out.println(status.progressLine());
        }

        @Override
        public synchronized void onProblem(TorFailure failure, boolean blocking) {
            if (blocking) {
                outcome.complete(Optional.of(failure));
            } else {
                err.println("Problem: " + TorFailureText.explain(failure, messages));
            }
        }

        @Override
        public synchronized void onReady(TorProxies proxies) {
            out.println(proxies.readyLine());
            proxies.bridgeInUse().ifPresent(bridge -> out.println("Bridge in use: " + bridge));
            out.flush();
            outcome.complete(Optional.empty());
        }

        @Override
        public synchronized void onUpdate(TorProxies proxies) {
            proxies.bridgeInUse().ifPresent(bridge -> out.println("Bridge in use: " + bridge));
            out.flush();
        }

        @Override
        public synchronized void onEnded(TorEnding ending) {
            // Without a failure, the run was stopped here (the JVM is exiting on a signal).
            outcome.complete(ending.failure());
        }
    }
}
