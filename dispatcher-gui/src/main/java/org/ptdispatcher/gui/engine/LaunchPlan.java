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
 * @param shellText        the whole launch as one shell line, secrets included (what Copy puts on the clipboard)
 * @param maskedShellText  the same with secret values hidden (what the screen shows)
 */
public record LaunchPlan(List<String> command, Map<String, String> environment, Path stateDirectory,
                         String shellText, String maskedShellText) {
    public LaunchPlan {
        command = List.copyOf(command);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
