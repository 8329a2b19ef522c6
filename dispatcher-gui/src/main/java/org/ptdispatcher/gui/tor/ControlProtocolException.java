package org.ptdispatcher.gui.tor;

import java.io.IOException;

/** Tor's control port said something this controller cannot read, or refused a command. */
public final class ControlProtocolException extends IOException {
    public ControlProtocolException(String message) {
        super(message);
    }
}
