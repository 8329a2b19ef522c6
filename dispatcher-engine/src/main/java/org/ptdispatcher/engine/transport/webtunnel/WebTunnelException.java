package org.ptdispatcher.engine.transport.webtunnel;

/** Why a webtunnel connection did not become a tunnel; an expected event, so without a stack trace. */
final class WebTunnelException extends Exception {
    WebTunnelException(String message) {
        super(message, null, false, false);
    }

    /** Logs show the reason, not a Java class name. */
    @Override
    public String toString() {
        return "webtunnel: " + getMessage();
    }
}
