package org.ptdispatcher.engine.common;

/** Which spellings of transport options the negotiated spec version accepts. */
public enum OptionsSyntax {
    /** PT 2.x: a JSON object. */
    JSON,
    /** Tor's version 1: {@code transport:k=v;...}, or JSON when the text starts with a brace. */
    TOR_OR_JSON
}
