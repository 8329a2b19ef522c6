package org.ptdispatcher.engine.ipc;

import org.ptdispatcher.engine.common.OptionsSyntax;
import org.ptdispatcher.engine.common.ProxyMode;

/**
 * PT 2.x (the Dispatcher IPC Interface 2.0 to 2.2): errors on stderr, {@code LOG LEVEL message},
 * JSON options, every proxy mode.
 */
public record Pt2Dialect(String version) implements Dialect {

    @Override
    public boolean writesToStderr(IpcMessage message) {
        return message.isError();
    }

    @Override
    public String render(IpcMessage message) {
        String args = message.arguments();
        return args.isEmpty() ? message.keyword() : message.keyword() + " " + args;
    }

    @Override
    public OptionsSyntax optionsSyntax() {
        return OptionsSyntax.JSON;
    }

    @Override
    public boolean reportsConnections() {
        return false;
    }

    @Override
    public boolean canAnnounce(ProxyMode mode) {
        return true;
    }
}
