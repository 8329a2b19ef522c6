package org.ptdispatcher.engine.options;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.fuzz.FuzzBudget;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tor's {@code k=v;k=v} and {@code transport:k=v} parsers on any text (the input's bytes as
 * UTF-8; the seed corpus in {@code TorArgsFuzzTestInputs/} is plain text): each either parses or
 * throws {@link OptionsSyntaxException} (nothing else), and what parses survives being written
 * back and read again.
 */
class TorArgsFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void connectionArgs(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        TransportOptions parsed;
        try {
            parsed = TorArgs.parseConnectionArgs(text);
        } catch (OptionsSyntaxException refused) {
            return;
        }
        try {
            assertEquals(parsed.asMap(), TorArgs.parseConnectionArgs(TorArgs.formatConnectionArgs(parsed)).asMap());
        } catch (OptionsSyntaxException e) {
            throw new AssertionError("its own rendering of " + parsed.asMap() + " was refused: " + e.getMessage());
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void serverTransportOptions(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Map<String, TransportOptions> parsed;
        try {
            parsed = TorArgs.parseServerTransportOptions(text);
        } catch (OptionsSyntaxException refused) {
            return;
        }
        StringBuilder again = new StringBuilder();
        parsed.forEach((transport, options) -> options.asMap().forEach((k, v) -> {
            if (again.length() > 0) {
                again.append(';');
            }
            again.append(TorArgs.escape(transport, ":;=")).append(':').append(TorArgs.escape(k, ":;=")).append('=').append(TorArgs.escape(v, ":;="));
        }));
        try {
            Map<String, TransportOptions> reread = TorArgs.parseServerTransportOptions(again.toString());
            assertEquals(parsed.keySet(), reread.keySet());
            parsed.forEach((t, o) -> assertEquals(o.asMap(), reread.get(t).asMap()));
        } catch (OptionsSyntaxException e) {
            throw new AssertionError("its own rendering of " + again + " was refused: " + e.getMessage());
        }
    }
}
