package org.ptdispatcher.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's packages in the layers docs/architecture.md draws: each imports only from the
 * layers below its own. Read from the sources, so that a new import against the picture fails
 * here rather than growing a cycle nobody drew.
 */
class PackageLayersTest {
    /** Top first, as the page draws them. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("lifecycle"),
            Set.of("mode"),
            Set.of("socks", "httpproxy", "config", "relay"),
            Set.of("options", "net"),
            Set.of("transport", "upstream"),
            Set.of("log", "udp", "extor", "crypto", "tls", "json"),
            Set.of("ipc"),
            Set.of("common"));

    private static final Path SOURCES = Path.of("src/main/java/org/ptdispatcher/engine");
    private static final Pattern ENGINE_IMPORT = Pattern.compile("^import (?:static )?org\\.ptdispatcher\\.engine\\.([a-z0-9]+)\\.", Pattern.MULTILINE);

    @Test
    void everyPackageOfTheEngineIsInALayer() throws IOException {
        Set<String> drawn = new TreeSet<>();
        LAYERS.forEach(drawn::addAll);
        try (Stream<Path> packages = Files.list(SOURCES)) {
            Set<String> present = new TreeSet<>(packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList());
            assertEquals(drawn, present);
        }
    }

    @Test
    void eachPackageImportsOnlyFromTheLayersBelowIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Path, String> source : sources().entrySet()) {
            String from = topPackage(source.getKey());
            Matcher imports = ENGINE_IMPORT.matcher(source.getValue());
            while (imports.find()) {
                String to = imports.group(1);
                if (!to.equals(from) && layer(to) >= layer(from)) {
                    wrong.add(SOURCES.relativize(source.getKey()) + " imports " + to);
                }
            }
        }
        assertTrue(wrong.isEmpty(), () -> "imports against the layers:\n" + String.join("\n", wrong));
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return LAYERS.size() - i;
            }
        }
        throw new AssertionError("package " + pkg + " is in no layer");
    }

    private static String topPackage(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> texts = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.getParent().equals(SOURCES)) {
                    continue;
                }
                texts.put(file, Files.readString(file));
            }
        }
        return texts;
    }
}
