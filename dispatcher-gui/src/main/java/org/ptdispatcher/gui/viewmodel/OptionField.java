package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.ptdispatcher.engine.transport.TransportOption;

import java.util.Set;

/**
 * One transport option in the form: its published description, the sentence that explains it in
 * the user's language, and the value being typed.
 */
public final class OptionField {
    /** How engines write "on": goptlib's PTs and ours read both. */
    private static final Set<String> ON = Set.of("true", "1");

    private final TransportOption description;
    private final String help;
    private final StringProperty value = new SimpleStringProperty(this, "value", "");

    public OptionField(TransportOption description, String help, String initial) {
        this.description = description;
        this.help = help;
        value.set(initial);
    }

    public TransportOption description() {
        return description;
    }

    public String name() {
        return description.name();
    }

    /** One sentence for the person filling in the form: the translation, or the transport's own words. */
    public String help() {
        return help;
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** For a {@link TransportOption.Type#BOOLEAN} option: whether the value says "on" ({@code true}, any case, or {@code 1}). */
    public boolean isOn() {
        String v = value.get();
        return v != null && (Boolean.parseBoolean(v) || ON.contains(v));
    }

    /** Sets a {@link TransportOption.Type#BOOLEAN} option, written as {@code true} or {@code false}. */
    public void setOn(boolean on) {
        value.set(on ? "true" : "false");
    }
}
