package org.ptdispatcher.engine.mode;

/** Why a listener could not be bound, as a sentence for CMETHOD-ERROR/SMETHOD-ERROR. */
public final class ListenFailedException extends Exception {
    public ListenFailedException(String message) {
        super(message, null, false, false);
    }
}
