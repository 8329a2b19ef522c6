package org.ptdispatcher.engine.transport.shadow;

/**
 * Why a Shadowsocks 2022 UDP packet was refused. A server reads datagrams from anyone, most of
 * them not ours, so a refusal is an expected outcome, not an error: it carries no stack trace
 * (that would cost more than the packet), and its message names the reason without the packet's
 * contents.
 */
public final class Sip022PacketException extends Exception {
    /** The kinds of refusal, for counting them and for tests. */
    public enum Reason {
        /** Shorter than the sealing's fixed part and a tag. */
        TOO_SHORT,
        /** The tag did not verify: another key or method, tampering, or not Shadowsocks at all. */
        NOT_AUTHENTIC,
        /** A client packet where a server one was expected, or the other way round, or an unknown type. */
        WRONG_TYPE,
        /** A timestamp more than 30 s from our clock. */
        UNTIMELY,
        /** Authentic, but the main header does not parse: truncated, padding past the end, a bad address. */
        MALFORMED,
        /** A server's packet for a client session that is not, or no longer, one of ours. */
        UNKNOWN_SESSION,
        /** A packet id this session has already taken, or one too far behind its newest. */
        REPLAYED,
        /** A new session while a server already has its most: it waits until one expires. */
        TOO_MANY_SESSIONS
    }

    private final Reason reason;

    Sip022PacketException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
