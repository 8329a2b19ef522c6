package org.ptdispatcher.engine.transport.obfs4.handshake;


/** Why an obfs4 handshake failed. Its message never carries key material or MAC values. */
public final class Obfs4HandshakeException extends Exception {
    public Obfs4HandshakeException(String message) {
        super(message, null, false, false);
    }
}
