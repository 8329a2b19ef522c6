package org.ptdispatcher.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.config.ConfigException;
import org.ptdispatcher.engine.config.ConfigReader;
import org.ptdispatcher.engine.config.LaunchParameters;
import org.ptdispatcher.engine.ipc.VersionNegotiation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The command line and the environment, as a parent gives them, on any input: each line of the
 * input that starts with {@code TOR_PT_} and holds an equals sign is an environment variable, any
 * other line a command-line argument. The flags are parsed ({@link FlagParser}: a result or a
 * sentence, never an exception), the version negotiated, and the whole configuration judged
 * ({@link ConfigReader}: a configuration or a {@link ConfigException}, nothing else). The seed
 * corpus in {@code LaunchFuzzTestInputs/} is the launches of the conformance tests.
 */
class LaunchFuzzTest {
    private static final Path WORKING_DIRECTORY = workingDirectory();

    @FuzzTest(maxDuration = "5s") // FuzzBudget.PER_TARGET of the engine's tests
    void launch(byte[] input) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            int equals = line.indexOf('=');
            if (line.startsWith("TOR_PT_") && equals > 0) {
                env.put(line.substring(0, equals), line.substring(equals + 1));
            } else if (!line.isEmpty()) {
                args.add(line);
            }
        }
        FlagParser.Result parsed = new FlagParser().parse(args.toArray(String[]::new));
        if (parsed.helpRequested() || parsed.error().isPresent()) {
            parsed.error().ifPresent(message -> assertNotNull(message));
            return;
        }
        LaunchParameters given = LaunchParameters.of(env, parsed.flags());
        VersionNegotiation.Outcome outcome = VersionNegotiation.negotiate(given.offeredVersions());
        if (!(outcome instanceof VersionNegotiation.Agreed agreed)) {
            return;
        }
        try {
            assertNotNull(ConfigReader.read(given, agreed.dialect(), name -> name.equals("shadow"), WORKING_DIRECTORY));
        } catch (ConfigException refused) {
            assertNotNull(refused.getMessage());
        }
    }

    private static Path workingDirectory() {
        try {
            Path dir = Files.createTempDirectory("launch-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
