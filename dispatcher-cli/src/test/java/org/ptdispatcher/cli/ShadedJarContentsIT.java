package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.cli.testing.PtProcess;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's jar carries only the part of BouncyCastle the engine reaches (dispatcher-cli's
 * shade filter): every BouncyCastle class reachable from the engine's classes, following the
 * class references the JDK's {@code jdeps} finds in the jar itself, must be in it. A filter that
 * leaves out a package the engine needs would otherwise show only as a NoClassDefFoundError on
 * the first connection of the transport that needs it.
 */
class ShadedJarContentsIT {
    /** A jdeps -verbose:class line: {@code    org.a.B    -> org.c.D    not found} or {@code ... -> org.c.D   ptdispatcher.jar}. */
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+(.*)$");

    @Test
    void everyBouncyCastleClassTheEngineReachesIsInTheJar() throws Exception {
        Path jar = PtProcess.launcher().resolveSibling("ptdispatcher.jar");
        Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
        assertTrue(Files.isExecutable(jdeps), "the JDK's jdeps at " + jdeps);
        Process process = new ProcessBuilder(jdeps.toString(), "--multi-release", "17", "-verbose:class", "-filter:none", jar.toString())
                .redirectErrorStream(true).start();
        Map<String, Set<String>> references = new HashMap<>();
        Set<String> missing = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher edge = EDGE.matcher(line);
                if (edge.matches()) {
                    references.computeIfAbsent(edge.group(1), k -> new HashSet<>()).add(edge.group(2));
                    if (edge.group(3).trim().equals("not found")) {
                        missing.add(edge.group(2));
                    }
                }
            }
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "jdeps ended");
        assertEquals(0, process.exitValue(), "jdeps' exit code");

        Set<String> reachedBouncyCastle = new TreeSet<>();
        ArrayDeque<String> toVisit = new ArrayDeque<>();
        references.keySet().stream().filter(c -> c.startsWith("org.ptdispatcher.")).forEach(toVisit::add);
        Set<String> visited = new HashSet<>(toVisit);
        while (!toVisit.isEmpty()) {
            for (String referenced : references.getOrDefault(toVisit.poll(), Set.of())) {
                // Only into BouncyCastle: Netty's optional libraries (brotli, zstd, ...) are missing on purpose.
                if (referenced.startsWith("org.bouncycastle.") && visited.add(referenced)) {
                    reachedBouncyCastle.add(referenced);
                    toVisit.add(referenced);
                }
            }
        }
        assertTrue(reachedBouncyCastle.contains("org.bouncycastle.crypto.digests.Blake3Digest"),
                "the walk reaches what the engine uses (BLAKE3): " + reachedBouncyCastle.size() + " classes");
        Set<String> reachedButMissing = new TreeSet<>(reachedBouncyCastle);
        reachedButMissing.retainAll(missing);
        assertEquals(Set.of(), reachedButMissing, "BouncyCastle classes the engine reaches that the jar lacks");
    }
}
