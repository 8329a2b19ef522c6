package org.ptdispatcher.cli;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.config.Parameter;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Go-style command line: every spelling parents use, and every error as its ENV-ERROR sentence. */
class FlagParserTest {
    private final FlagParser parser = new FlagParser();

    @Test
    void readsEverySpellingOfValuesAndSwitches() {
        FlagParser.Result result = parser.parse("-transport", "plain", "--state=/tmp/s", "-client", "--exit-on-stdin-close=false",
                "-orport", "127.0.0.1:9", "-options={\"a\":\"b=c\"}");
        assertEquals(Optional.empty(), result.error());
        assertEquals(Map.of(Parameter.TRANSPORT, "plain", Parameter.STATE, "/tmp/s", Parameter.CLIENT, "true",
                Parameter.EXIT_ON_STDIN_CLOSE, "false", Parameter.TARGET, "127.0.0.1:9", Parameter.OPTIONS, "{\"a\":\"b=c\"}"),
                result.flags());
    }

    @Test
    void noArgumentsAreNoFlags() {
        FlagParser.Result result = parser.parse();
        assertEquals(Map.of(), result.flags());
        assertEquals(Optional.empty(), result.error());
    }

    @Test
    void sayingWhatIsWrongInOneSentence() {
        assertEquals("unknown flag -frobnicate (ptdispatcher -help lists the flags)", error("-frobnicate=1"));
        assertEquals("-transport needs a value", error("-transport"));
        assertEquals("-transport needs a value", error("-transport", "-client"));
        assertEquals("-target is given more than once; give it once", error("-target", "a:1", "-orport", "a:1"));
        assertEquals("-client is a switch: give it alone, or as -client=true or -client=false", error("-client=yes"));
        assertTrue(error("-transport", "plain", "extra").startsWith("unexpected argument \"extra\""));
        assertTrue(error("@.").startsWith("unexpected argument \"@.\""), "an @file is not read: " + error("@."));
    }

    @Test
    void helpListsEveryFlagWithItsEnvironmentVariables() {
        assertTrue(parser.parse("-transport", "plain", "--help").helpRequested());
        String usage = parser.usage();
        for (Parameter p : Parameter.values()) {
            assertTrue(usage.contains(p.flag()), p.flag() + " missing from help");
            p.envVars().forEach(v -> assertTrue(usage.contains(v), v + " missing from help"));
        }
        assertTrue(usage.lines().allMatch(line -> line.length() <= 100 || !line.contains(" ")), "lines wrap at 100 columns");
    }

    private String error(String... args) {
        return parser.parse(args).error().orElseThrow();
    }
}
