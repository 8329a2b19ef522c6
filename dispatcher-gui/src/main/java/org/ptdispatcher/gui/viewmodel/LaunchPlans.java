package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.engine.LaunchPlanner;
import org.ptdispatcher.gui.engine.OptimizerLaunch;
import org.ptdispatcher.gui.profile.FieldProblem;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileValidator;
import org.ptdispatcher.gui.share.MoreBridgesCheck;
import org.ptdispatcher.gui.share.ProfileImport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one rule for when a profile can run and how: no problems for the engine that is set up,
 * then the plan for it. The form uses it for what it shows, and "try it" to start profiles
 * that are not in the form.
 */
final class LaunchPlans {
    private final TransportRegistry registry;
    private final ProfileValidator validator;
    private final Function<Profile, Path> defaultState;

    LaunchPlans(TransportRegistry registry, Function<Profile, Path> defaultState) {
        this.registry = registry;
        this.validator = new ProfileValidator(registry);
        this.defaultState = defaultState;
    }

    /** What {@code engine} would reject in {@code profile} (no engine found: checked as for ours), its more bridges too. */
    List<FieldProblem> problems(Profile profile, EngineSetup engine) {
        List<FieldProblem> problems = new ArrayList<>(validator.validate(profile, builtIn(engine), engine.style()));
        problems.addAll(MoreBridgesCheck.problems(profile, transportRefusal(engine), builtIn(engine)));
        return problems;
    }

    /**
     * The built-in engine runs exactly the registry's transports, so a line of another one is said
     * at import (or in the form) rather than found at Start; another PT program's transports the app
     * cannot know. The refusal names the transports the engine runs.
     */
    ProfileImport.TransportCheck transportRefusal(EngineSetup engine) {
        boolean builtIn = builtIn(engine);
        return transport -> !builtIn || registry.find(transport).isPresent() ? Optional.empty()
                : Optional.of(registry.all().stream().map(Transport::name).sorted().collect(Collectors.joining(", ")));
    }

    private static boolean builtIn(EngineSetup engine) {
        return engine.program().map(EngineProgram::builtIn).orElse(true);
    }

    /**
     * The launch of a profile already checked, with the engine found; a client with more bridges
     * and no Tor runs as the Optimizer over them ({@link OptimizerLaunch}).
     */
    LaunchPlan plan(Profile profile, EngineProgram program, EngineSetup engine) {
        Profile launched = OptimizerLaunch.launched(profile);
        return LaunchPlanner.plan(launched, program, engine.style(), registry.find(launched.transport()), defaultState.apply(profile));
    }

    /** The plan, if {@code profile} has no problems and an engine was found. */
    Optional<LaunchPlan> planIfValid(Profile profile, EngineSetup engine) {
        if (engine.program().isEmpty() || !problems(profile, engine).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plan(profile, engine.program().get(), engine));
    }
}
