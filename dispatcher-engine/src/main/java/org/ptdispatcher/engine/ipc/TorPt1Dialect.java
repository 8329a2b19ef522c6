package org.ptdispatcher.engine.ipc;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.OptionsSyntax;
import org.ptdispatcher.engine.common.ProxyMode;

/**
 * Tor's pt-spec version 1, as tor 0.4.x reads it: everything on stdout (tor does not read
 * stderr), {@code LOG SEVERITY=notice MESSAGE="..."}, Tor's {@code transport:k=v} options, and
 * only SOCKS listeners, since tor's CMETHOD parser knows nothing else. Lines stay US-ASCII.
 */
public record TorPt1Dialect() implements Dialect {

    @Override
    public String version() {
        return "1";
    }

    @Override
    public boolean writesToStderr(IpcMessage message) {
        return false;
    }

    @Override
    public String render(IpcMessage message) {
        if (message instanceof IpcMessage.Log log) {
            return "LOG SEVERITY=" + severity(log.level()) + " MESSAGE=" + KeyValueLine.quote(log.message());
        }
        String args = Pt2Dialect.freeText(message) ? LineText.escape(message.arguments()) : LineText.escapeControls(message.arguments());
        return args.isEmpty() ? message.keyword() : message.keyword() + " " + args;
    }

    @Override
    public OptionsSyntax optionsSyntax() {
        return OptionsSyntax.TOR_OR_JSON;
    }

    @Override
    public boolean reportsConnections() {
        return true;
    }

    @Override
    public boolean canAnnounce(ProxyMode mode) {
        return mode == ProxyMode.SOCKS5;
    }

    /** pt-spec severities: error, warning, notice, info, debug. */
    static String severity(LogLevel level) {
        switch (level) {
            case ERROR:
                return "error";
            case WARN:
                return "warning";
            case INFO:
                return "notice";
            default:
                return "debug";
        }
    }
}
