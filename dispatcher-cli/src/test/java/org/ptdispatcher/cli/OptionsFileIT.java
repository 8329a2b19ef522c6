package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Exited;
import org.ptdispatcher.cli.testing.PtProcess;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -optionsFile} names something that cannot be read as an options file (issue 15, defect
 * 6): one ENV-ERROR and exit 64, at once, like any other configuration error. Before, a path the
 * locale cannot encode exited 70 with an InvalidPathException, and {@code /dev/stdin} blocked
 * before anything was announced.
 */
class OptionsFileIT {
    @TempDir
    Path dir;

    private PtProcess.Builder client(String optionsFile) {
        return PtProcess.ptdispatcher().directory(dir).args("-transport", "plain", "-exit-on-stdin-close", "-optionsFile", optionsFile);
    }

    @Test
    void aPathTheLocaleCannotEncodeIsAnEnvError() throws Exception {
        Exited run = Exited.run(client(dir.resolve("optionen-\u00fc.json").toString()).env("LC_ALL", "C").env("LANG", "C"));
        assertEquals(64, run.exitCode(), run.toString());
        assertEquals(List.of("VERSION 2.2"), run.stdout());
        assertEquals(1, run.stderr().size(), run.toString());
        assertTrue(run.stderr().get(0).startsWith("ENV-ERROR -optionsFile ") && run.stderr().get(0).endsWith(" is not a valid path"), run.toString());
    }

    /** Stdin stays open here (Exited closes it, so the process is started by hand): reading it would block for good. */
    @Test
    void somethingOtherThanARegularFileIsAnEnvError() throws Exception {
        try (PtProcess p = client("/dev/stdin").start()) {
            assertEquals(java.util.Optional.of(64), p.awaitExit(java.time.Duration.ofSeconds(20)));
            assertEquals(List.of("VERSION 2.2"), p.allStdout());
            assertEquals(List.of("ENV-ERROR -optionsFile /dev/stdin is not a regular file"), p.allStderr());
        }
    }
}
