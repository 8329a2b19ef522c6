package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.ptdispatcher.engine.transport.TransportOption;

/** One transport option in the form: its published description and the value being typed. */
public final class OptionField {
    private final TransportOption description;
    private final StringProperty value = new SimpleStringProperty(this, "value", "");

    public OptionField(TransportOption description, String initial) {
        this.description = description;
        value.set(initial);
    }

    public TransportOption description() {
        return description;
    }

    public String name() {
        return description.name();
    }

    public StringProperty valueProperty() {
        return value;
    }
}
