package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** What just happened, in a sentence, for the main window's status line; every part of the main view model writes to this one. */
public final class StatusLine {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    void say(String sentence) {
        text.set(sentence);
    }
}
