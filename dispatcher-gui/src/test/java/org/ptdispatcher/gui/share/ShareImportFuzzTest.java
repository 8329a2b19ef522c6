package org.ptdispatcher.gui.share;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user pastes into the import dialog, on any text.
 * <ul>
 *   <li>{@code bridgeLine}: a bridge line parses or is refused with a {@link ShareFormatException}
 *   (which names a message to show), nothing else; a parsed line rendered as tor takes it reads
 *   back as the same line.</li>
 *   <li>{@code profileImport}: any number of lines, bridge lines and {@code ss://} links: profiles
 *   for every line, or a problem with its line number, never an exception.</li>
 * </ul>
 */
class ShareImportFuzzTest {

    @FuzzTest(maxDuration = "5s") // the engine's FuzzBudget.PER_TARGET
    void bridgeLine(byte[] input) {
        BridgeLine line;
        try {
            line = BridgeLine.parse(new String(input, StandardCharsets.UTF_8));
        } catch (ShareFormatException refused) {
            assertTrue(refused.messageKey().startsWith("import.problem."), refused.messageKey());
            return;
        }
        try {
            assertEquals(line, BridgeLine.parse(line.render()), "rendered as " + line.render());
        } catch (ShareFormatException e) {
            throw new AssertionError("the rendered line " + line.render() + " is refused: " + e.messageKey(), e);
        }
    }

    @FuzzTest(maxDuration = "5s") // the engine's FuzzBudget.PER_TARGET
    void profileImport(byte[] input) {
        ProfileImport.Result result = ProfileImport.parse(new String(input, StandardCharsets.UTF_8));
        assertTrue(result.profiles().isEmpty() != result.problems().isEmpty(), "profiles or problems, one of them: " + result);
    }
}
