package org.ptdispatcher.cli.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A process that ran to its end: everything it wrote, and its exit code. */
public record Exited(List<String> stdout, List<String> stderr, int exitCode) {

    /**
     * Starts {@code builder}'s process with stdin already closed and waits (up to 30 s) for it to
     * exit by itself: a configuration error exits at once, and a good one with
     * {@code -exit-on-stdin-close} exits right after its start-up lines.
     */
    public static Exited run(PtProcess.Builder builder) throws IOException, InterruptedException {
        try (PtProcess process = builder.start()) {
            process.closeStdin();
            Integer code = process.awaitExit(Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("the process did not exit by itself within 30 s"));
            return new Exited(process.allStdout(), process.allStderr(), code);
        }
    }
}
