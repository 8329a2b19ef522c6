package org.ptdispatcher.gui.sysproxy;

import java.io.IOException;
import java.util.List;

/** Runs the operating system's own settings tools (gsettings, kwriteconfig, reg, networksetup). */
public interface Commands {
    /** How a command ended: its exit code, what it wrote to stdout, and to stderr. */
    record Result(int exitCode, String output, String errors) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} to its end (bounded); an exit code other than 0 is a result, not an exception. */
    Result run(List<String> command) throws IOException;

    /** Runs {@code command} and fails, saying what it wrote to stderr, unless it exits with 0. */
    default String require(List<String> command) throws IOException {
        Result result = run(command);
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " exited with " + result.exitCode()
                    + (result.errors().isBlank() ? "" : ": " + result.errors().strip()));
        }
        return result.output();
    }
}
