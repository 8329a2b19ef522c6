package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.ptdispatcher.gui.i18n.Messages;

/**
 * What just happened, in a sentence, for the main window's status line; every part of the main
 * view model writes to this one. The last sentence is kept as how to say it, not as it was said,
 * so that after a switch of language it is said again in the new one (a status line left in
 * English under a Persian window was one of the defects of issue 17).
 */
public final class StatusLine {
    /** A sentence in the language {@code messages} speaks when it is asked. */
    @FunctionalInterface
    interface Sentence {
        String in(Messages messages);
    }

    private final Messages messages;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private Sentence last = messages -> "";

    StatusLine(Messages messages) {
        this.messages = messages;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    void say(Sentence sentence) {
        last = sentence;
        text.set(sentence.in(messages));
    }

    /** Says the last sentence again, in the language chosen now. */
    void sayAgain() {
        text.set(last.in(messages));
    }
}
