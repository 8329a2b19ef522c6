package org.ptdispatcher.gui.sysproxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings tools of a machine the tests cannot run on (Windows' reg, macOS' networksetup,
 * KDE's kwriteconfig): records every command line the app generates, and answers a query with
 * the output the real tool prints for it (given by the test, from the tool's documented output);
 * any other command succeeds with no output. Shared with the login tests (Windows' Run key).
 */
public final class ScriptedCommands implements Commands {
    final List<List<String>> ran = new ArrayList<>();
    private final Map<List<String>, Result> answers = new HashMap<>();

    public ScriptedCommands answer(List<String> command, int exitCode, String output) {
        answers.put(command, new Result(exitCode, output, exitCode == 0 ? "" : "ERROR: not found"));
        return this;
    }

    @Override
    public Result run(List<String> command) {
        ran.add(List.copyOf(command));
        return answers.getOrDefault(command, new Result(0, "", ""));
    }

    /** The commands run since the last call, and forgets them. */
    public List<List<String>> take() {
        List<List<String>> taken = List.copyOf(ran);
        ran.clear();
        return taken;
    }
}
