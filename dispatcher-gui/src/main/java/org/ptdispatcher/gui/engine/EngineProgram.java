package org.ptdispatcher.gui.engine;

import java.util.List;

/**
 * The program the app runs for a profile: the command before the PT's own arguments.
 *
 * @param command  for example {@code [/opt/pt-dispatcher/bin/ptdispatcher]}, or in a development
 *                 checkout {@code [/usr/lib/jvm/.../java, -jar, .../ptdispatcher.jar]}
 * @param builtIn  whether it is our ptdispatcher (which knows exactly the transports on the app's class path)
 */
public record EngineProgram(List<String> command, boolean builtIn) {
    public EngineProgram {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    /** How the program is written in a command a person copies: its last word is the program or jar. */
    public String displayName() {
        return String.join(" ", command);
    }
}
