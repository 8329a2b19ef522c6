package org.ptdispatcher.engine.ipc;

import org.ptdispatcher.engine.common.OptionsSyntax;
import org.ptdispatcher.engine.common.ProxyMode;

/**
 * PT 2.x (the Dispatcher IPC Interface 2.0 to 2.2): errors on stderr, {@code LOG LEVEL message},
 * JSON options, every proxy mode. Lines stay printable US-ASCII ({@link LineText}).
 */
public record Pt2Dialect(String version) implements Dialect {

    @Override
    public boolean writesToStderr(IpcMessage message) {
        return message.isError();
    }

    @Override
    public String render(IpcMessage message) {
        String args = freeText(message) ? LineText.escape(message.arguments()) : LineText.escapeControls(message.arguments());
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

    /** LOG and the error messages are sentences, with no escapes of their own. */
    static boolean freeText(IpcMessage message) {
        return message instanceof IpcMessage.Log || message.isError();
    }
}
