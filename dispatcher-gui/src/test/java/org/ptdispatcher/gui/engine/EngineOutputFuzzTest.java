package org.ptdispatcher.gui.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.gui.viewmodel.ErrorExplainer;
import org.ptdispatcher.gui.viewmodel.LogEntry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What the app does with one line an engine wrote (ours or another PT's, on stdout or stderr, as
 * the first input byte says): parsed as IPC, made a log entry and, for an error message,
 * explained in the profile's terms. Nothing of it throws, whatever the line.
 */
class EngineOutputFuzzTest {
    private static final Set<String> OPTION_NAMES = Set.of("password", "cipherName", "cert", "iat-mode", "url", "serverAddress");

    @FuzzTest(maxDuration = "5s") // the engine's FuzzBudget.PER_TARGET
    void line(byte[] input) {
        if (input.length == 0) {
            return;
        }
        OutputLine.Stream stream = (input[0] & 1) == 0 ? OutputLine.Stream.STDOUT : OutputLine.Stream.STDERR;
        String text = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        OutputLine line = OutputLine.parse(stream, text, Instant.EPOCH);
        LogEntry entry = LogEntry.of(line);
        assertNotNull(entry.display());
        Optional<IpcMessage> message = line.message();
        message.ifPresent(m -> ErrorExplainer.explain(m, OPTION_NAMES));
    }
}
