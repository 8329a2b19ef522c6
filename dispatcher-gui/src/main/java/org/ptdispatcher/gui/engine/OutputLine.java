package org.ptdispatcher.gui.engine;

import org.ptdispatcher.engine.ipc.IpcLineParser;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.time.Instant;
import java.util.Optional;

/**
 * One line the child wrote, with what the IPC parser made of it (empty for lines that are not
 * protocol messages, such as a Java error or a peer's own diagnostics).
 */
public record OutputLine(Stream stream, String text, Optional<IpcMessage> message, Instant time) {

    public enum Stream { STDOUT, STDERR }

    public static OutputLine parse(Stream stream, String text, Instant time) {
        return new OutputLine(stream, text, IpcLineParser.parse(text), time);
    }
}
