package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.gui.profile.Profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Every profile's run, made on first use and kept while the app runs (its log and results stay when another profile is shown). */
public final class RunRegistry {
    private final AppServices services;
    private final Consumer<RunViewModel> onNewRun;
    private final Map<String, RunViewModel> runs = new HashMap<>();

    /** @param onNewRun told of each run as it is made, to watch it */
    RunRegistry(AppServices services, Consumer<RunViewModel> onNewRun) {
        this.services = services;
        this.onNewRun = onNewRun;
    }

    /** The run of {@code profile}, made on first use. */
    public RunViewModel runFor(Profile profile) {
        RunViewModel run = runs.get(profile.id());
        if (run == null) {
            run = new RunViewModel(profile, services);
            runs.put(profile.id(), run);
            onNewRun.accept(run);
        }
        return run;
    }

    /** The run of the profile with {@code id}, if one was made. */
    Optional<RunViewModel> existing(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Forgets the run of a deleted profile, stopping its engine first if it runs. */
    void remove(String id) {
        RunViewModel run = runs.remove(id);
        if (run != null) {
            run.stop();
        }
    }

    /** Stops every engine; completes when all have exited. */
    CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Integer>> stops = new ArrayList<>();
        for (RunViewModel run : runs.values()) {
            stops.add(run.stop());
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    /** Every engine still alive. */
    List<RunViewModel> active() {
        return runs.values().stream().filter(r -> r.state().isActive()).toList();
    }
}
