package org.ptdispatcher.gui.engine;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exactly what Start will run for a profile.
 *
 * @param command          the program and its arguments
 * @param environment      variables added to the child's environment
 * @param stateDirectory   the state directory (created before start; also the working directory)
 * @param files            files the command reads, written owner-only before start: the options
 *                         when they hold a secret, which the command line would show every local user
 * @param shellText        the whole launch as one shell line that stands on its own, secrets and all
 *                         (what Copy puts on the clipboard, for a terminal: options inline, no file needed)
 * @param maskedShellText  the launch as Start runs it, as one shell line with no secret in it (what
 *                         the screen shows): secret values hidden, or in the options file
 */
public record LaunchPlan(List<String> command, Map<String, String> environment, Path stateDirectory,
                         Map<Path, String> files, String shellText, String maskedShellText) {
    public LaunchPlan {
        command = List.copyOf(command);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
