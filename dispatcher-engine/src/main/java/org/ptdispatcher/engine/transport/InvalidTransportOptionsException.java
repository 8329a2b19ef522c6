package org.ptdispatcher.engine.transport;

/**
 * Options a transport cannot work with: missing, malformed or contradictory. At start-up it
 * becomes a CMETHOD-ERROR/SMETHOD-ERROR (or an ENV-ERROR); per connection, SOCKS reply 0x13.
 * The message names the option and never repeats a secret value.
 */
public final class InvalidTransportOptionsException extends Exception {
    public InvalidTransportOptionsException(String message) {
        super(message, null, false, false);
    }
}
