package org.ptdispatcher.gui.share;

import java.util.List;

/** A bridge line or link that cannot be read, as a message key (and arguments) for the user's language. */
public final class ShareFormatException extends Exception {
    private final String messageKey;
    private final List<String> args;

    public ShareFormatException(String messageKey, String... args) {
        super(messageKey + " " + List.of(args));
        this.messageKey = messageKey;
        this.args = List.of(args);
    }

    public String messageKey() {
        return messageKey;
    }

    public List<String> args() {
        return args;
    }
}
