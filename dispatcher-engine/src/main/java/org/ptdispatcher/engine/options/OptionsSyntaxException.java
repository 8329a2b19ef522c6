package org.ptdispatcher.engine.options;

/**
 * Options text that is not well-formed in its syntax (Tor's {@code k=v} forms or JSON). The
 * message says what is wrong where, without the source: the caller knows whether the text came
 * from a parameter (then it becomes an ENV-ERROR naming the parameter) or from a SOCKS request.
 */
public final class OptionsSyntaxException extends Exception {
    public OptionsSyntaxException(String message) {
        super(message, null, false, false);
    }
}
