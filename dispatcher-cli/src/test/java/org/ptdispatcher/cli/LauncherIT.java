package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.engine.lifecycle.EngineJavaOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher script runs the engine with the JVM options of their one source
 * ({@link EngineJavaOptions}), which the build wrote into it: the running process's own command line says so.
 * A plain {@code java -jar} start works too, and says once how to get the launcher's speed.
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

    @Test
    void thePlainJarSaysOnceThatItsCiphersRunSlowerAndHowToStartTheFastWay() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path jar = PtProcess.launcher().resolveSibling("ptdispatcher.jar");
        String fastWay = "--add-modules jdk.incubator.vector";
        try (PtProcess plainJar = keystreamClients(PtProcess.command(java, "-jar", jar.toString()), dir.resolve("jar"));
             PtProcess launcher = keystreamClients(PtProcess.ptdispatcher(), dir.resolve("launcher"))) {
            List<String> jarWarnings = warnings(plainJar);
            assertEquals(1, jarWarnings.size(), "one warning from the plain jar: " + jarWarnings);
            assertTrue(jarWarnings.get(0).contains(fastWay), jarWarnings.get(0));
            assertEquals(List.of(), warnings(launcher), "the launcher runs the fast way and says nothing");
        }
    }

    /** obfs4 and shadow (chacha20 by default) clients: both run a keystream, so a warning said per transport would show twice. */
    private static PtProcess keystreamClients(PtProcess.Builder command, Path state) throws Exception {
        return command.args("-client", "-transports", "obfs4,shadow", "-options", "{\"shadow\":{\"password\":\"p\"},\"obfs4\":{}}",
                "-state", state.toString(), "-ipcLogLevel", "WARN", "-exit-on-stdin-close").start();
    }

    private static List<String> warnings(PtProcess p) throws Exception {
        p.awaitCmethod("obfs4");
        p.closeStdin();
        return p.allStdout().stream().filter(line -> line.startsWith("LOG") && line.contains("Vector API")).toList();
    }
}
