package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.engine.EngineLauncher;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.engine.OutputLine;
import org.ptdispatcher.gui.engine.RunningEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The app's {@link EngineLauncher} for view-model tests: nothing is spawned; each start is noted
 * with its plan, and the test makes the "engine" write lines and exit. Stop behaves as an engine
 * that honours its closed stdin: it exits with 0.
 */
public final class FakeLauncher implements EngineLauncher {
    private final List<Engine> started = new ArrayList<>();

    public List<Engine> started() {
        return started;
    }

    public List<LaunchPlan> plans() {
        return started.stream().map(Engine::plan).toList();
    }

    @Override
    public RunningEngine start(LaunchPlan plan, Listener listener, Executor delivery) {
        Engine engine = new Engine(plan, listener, delivery, 1000 + started.size());
        started.add(engine);
        return engine;
    }

    /** One started "engine". */
    public static final class Engine implements RunningEngine {
        private final LaunchPlan plan;
        private final Listener listener;
        private final Executor delivery;
        private final long pid;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private boolean stopAsked;

        Engine(LaunchPlan plan, Listener listener, Executor delivery, long pid) {
            this.plan = plan;
            this.listener = listener;
            this.delivery = delivery;
            this.pid = pid;
        }

        public LaunchPlan plan() {
            return plan;
        }

        public boolean stopAsked() {
            return stopAsked;
        }

        /** The engine writes {@code lines} to stdout. */
        public void writes(String... lines) {
            for (String line : lines) {
                OutputLine parsed = OutputLine.parse(OutputLine.Stream.STDOUT, line, Instant.EPOCH);
                delivery.execute(() -> listener.onLine(parsed));
            }
        }

        /** The engine exits with {@code code}. */
        public void exits(int code) {
            exit.complete(code);
            delivery.execute(() -> listener.onExit(code));
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }

        @Override
        public CompletableFuture<Integer> stop() {
            stopAsked = true;
            if (!exit.isDone()) {
                exits(0);
            }
            return exit;
        }

        @Override
        public void kill() {
            if (!exit.isDone()) {
                exits(137);
            }
        }
    }
}
