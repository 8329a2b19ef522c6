package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.engine.lifecycle.EngineJavaOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The launcher script runs the engine with the JVM options of their one source
 * ({@link EngineJavaOptions}), which the build wrote into it: the running process's own command line says so.
 */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void theLauncherStartsTheJvmWithTheEnginesJavaOptions() throws Exception {
        try (PtProcess p = PtProcess.ptdispatcher().directory(dir).args("-transport", "plain").start()) {
            p.awaitCmethod("plain");
            // The script execs java, so the process is the JVM; its arguments are read from /proc.
            List<String> arguments = List.of(ProcessHandle.of(p.pid()).orElseThrow().info().arguments().orElseThrow());
            List<String> expected = new ArrayList<>(EngineJavaOptions.forJar());
            expected.addAll(List.of("-jar", PtProcess.launcher().resolveSibling("ptdispatcher.jar").toString(), "-transport", "plain"));
            assertEquals(expected, arguments);
        }
    }
}
