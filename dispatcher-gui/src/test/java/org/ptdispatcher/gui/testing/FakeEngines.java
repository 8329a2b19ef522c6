package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.engine.EngineFinder;
import org.ptdispatcher.gui.engine.EngineProgram;

import java.util.List;
import java.util.Optional;

/** The app's {@link EngineFinder} for view-model tests: a built-in engine at a made-up path (or none), and a count of the look-ups. */
public final class FakeEngines implements EngineFinder {
    public static final EngineProgram BUILT_IN = new EngineProgram(List.of("/opt/ptd/bin/ptdispatcher"), true);

    private Optional<EngineProgram> builtIn = Optional.of(BUILT_IN);
    private int lookups;

    /** From now on this copy of the app has no engine of its own. */
    public FakeEngines withoutBuiltIn() {
        builtIn = Optional.empty();
        return this;
    }

    /** How often an engine was looked for (each one a walk of the file system in the app). */
    public int lookups() {
        return lookups;
    }

    @Override
    public Optional<EngineProgram> resolve(String chosen) {
        lookups++;
        return chosen.isBlank() ? builtIn : Optional.of(new EngineProgram(List.of(chosen.trim()), false));
    }

    @Override
    public Optional<EngineProgram> builtIn() {
        lookups++;
        return builtIn;
    }
}
