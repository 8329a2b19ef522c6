package org.ptdispatcher.engine.transport.obfs4;

/** Why an obfs4 handshake failed. Its message never carries key material or MAC values. */
final class Obfs4HandshakeException extends Exception {
    Obfs4HandshakeException(String message) {
        super(message, null, false, false);
    }
}
