package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.engine.EngineProgram;

import java.util.Optional;

/**
 * The engine the profiles run with, as the settings say: the program found for them (none when
 * it cannot be found) and how it is configured. The form's checks and preview are for it.
 */
public record EngineSetup(Optional<EngineProgram> program, LaunchCommand.Style style) {
}
