package org.ptdispatcher.gui.engine;

import java.util.Optional;

/**
 * Finds the PT program a profile runs with. A service the view models receive (the app's is
 * {@link EngineLocator}, which looks at the file system), so their tests can name a program
 * without one being installed.
 */
public interface EngineFinder {
    /** The program for {@code chosen} (a path the user set; empty for the built-in engine). */
    Optional<EngineProgram> resolve(String chosen);

    /** Our own engine, wherever this copy of the app can find it. */
    Optional<EngineProgram> builtIn();
}
