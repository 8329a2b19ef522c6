package org.ptdispatcher.engine.ipc;

import org.ptdispatcher.engine.common.LogLevel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The only writer of the protocol channel: whole lines, one write and one flush each, from any
 * thread. The negotiated {@link Dialect} decides the stream and the spelling; LOG messages are
 * filtered by {@code -ipcLogLevel}. A parent that has gone away is not an error here: the
 * shutdown watchers notice it.
 */
public final class IpcWriter {
    private final OutputStream stdout;
    private final OutputStream stderr;
    private volatile Dialect dialect = Dialect.newest();
    private volatile LogLevel logLevel = LogLevel.NONE;

    public IpcWriter(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public void useDialect(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    public void useLogLevel(LogLevel logLevel) {
        this.logLevel = logLevel;
    }

    /** Whether a LOG line at {@code level} would be sent. */
    public boolean logs(LogLevel level) {
        return logLevel.admits(level);
    }

    public void send(IpcMessage message) {
        Dialect d = dialect;
        byte[] line = (oneLine(d.render(message)) + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream target = d.writesToStderr(message) ? stderr : stdout;
        synchronized (this) {
            try {
                target.write(line);
                target.flush();
            } catch (IOException parentGone) {
                // Nobody is reading; the stdin and parent watchers end the process.
            }
        }
    }

    /** Sends a LOG line if {@code -ipcLogLevel} admits it. */
    public void log(LogLevel level, String message) {
        if (logs(level)) {
            send(new IpcMessage.Log(level, message));
        }
    }

    /** The grammar allows neither NL nor NUL inside a line. */
    private static String oneLine(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\0') < 0) {
            return text;
        }
        return text.replace('\n', ' ').replace('\r', ' ').replace('\0', ' ');
    }
}
