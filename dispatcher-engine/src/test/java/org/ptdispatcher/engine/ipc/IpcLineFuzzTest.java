package org.ptdispatcher.engine.ipc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.fuzz.FuzzBudget;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IPC line parser the app reads every engine's output with (ours or another PT's), on any
 * line: it never throws. And the escaping of IPC lines on any text: the result is printable
 * US-ASCII, one line, and unescapes to the text.
 */
class IpcLineFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void parse(byte[] input) {
        IpcLineParser.parse(new String(input, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void escape(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        String escaped = LineText.escape(text);
        assertTrue(escaped.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "not printable ASCII: " + escaped);
        assertEquals(text, LineText.unescape(escaped));
        String log = new Pt2Dialect("2.2").render(new IpcMessage.Log(org.ptdispatcher.engine.common.LogLevel.DEBUG, text));
        assertEquals(new IpcMessage.Log(org.ptdispatcher.engine.common.LogLevel.DEBUG, text), IpcLineParser.parse(log).orElseThrow());
    }
}
