package org.ptdispatcher.engine.extor;

/** The Extended ORPort handshake failed; the message says why, for a LOG line. */
public final class ExtOrPortException extends Exception {
    public ExtOrPortException(String message) {
        super(message, null, false, false);
    }
}
