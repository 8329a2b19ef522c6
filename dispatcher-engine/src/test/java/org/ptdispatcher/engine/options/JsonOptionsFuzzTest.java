package org.ptdispatcher.engine.options;

import org.ptdispatcher.engine.transport.TransportOptions;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.fuzz.FuzzBudget;
import org.ptdispatcher.engine.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * JSON options ({@code -options}, {@code -optionsFile} and the SOCKS 0x09 parameter block) on
 * any text: parsed or refused with {@link OptionsSyntaxException} and nothing else, split among
 * one or two transports the same way, and no error message quotes the text it refused (option
 * values are secrets; messages give positions).
 */
class JsonOptionsFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void options(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        JsonObject object;
        try {
            object = JsonOptions.parseObject(text);
        } catch (OptionsSyntaxException refused) {
            assertQuotesNothing(refused.getMessage(), text);
            return;
        }
        assertNotNull(TransportOptions.fromJson(object));
        for (List<String> transports : List.of(List.of("shadow"), List.of("shadow", "obfs4"))) {
            try {
                JsonOptions.perTransport(object, transports);
            } catch (OptionsSyntaxException refused) {
                assertNotNull(refused.getMessage());
            }
        }
    }

    /** No run of 12 or more characters of the input (long enough to be a password) appears in the message. */
    private static void assertQuotesNothing(String message, String text) {
        for (int i = 0; i + 12 <= text.length(); i++) {
            String run = text.substring(i, i + 12);
            if (run.chars().allMatch(c -> Character.isLetterOrDigit(c))) {
                assertFalse(message.contains(run), "the message quotes the input: " + message);
            }
        }
    }
}
