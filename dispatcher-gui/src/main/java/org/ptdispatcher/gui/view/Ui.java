package org.ptdispatcher.gui.view;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.StringConverter;
import org.ptdispatcher.gui.i18n.Messages;

import java.util.function.Function;

/** Small building blocks every view uses, so that labels, buttons and copying behave the same everywhere. */
final class Ui {
    private Ui() {
    }

    /** A label whose text follows the language. */
    static Label label(Messages messages, String key, String... styleClasses) {
        Label label = new Label();
        RightToLeftLines.show(label, messages.text(key));
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    /** A button whose text follows the language; {@code id} lets tests and accessibility tools find it. */
    static Button button(Messages messages, String key, String id) {
        Button button = new Button();
        button.textProperty().bind(messages.text(key));
        button.setId(id);
        button.setMnemonicParsing(false);
        return button;
    }

    /**
     * A Copy button for a value: the visible word is short, so the accessible text and the tooltip
     * say what is copied ({@code whatKey}).
     */
    static Button copyButton(Messages messages, String whatKey, ObservableValue<String> value, String id) {
        Button button = button(messages, "action.copy", id);
        button.accessibleTextProperty().bind(messages.text(whatKey));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(messages.text(whatKey));
        button.setTooltip(tip);
        button.setOnAction(e -> copy(value.getValue()));
        button.getStyleClass().add("copy-button");
        return button;
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text == null ? "" : text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Shows a combo box's values in the user's language: cells (the list's and the button's) that redraw when it changes. */
    static <T> void localize(Messages messages, ComboBox<T> box, Function<T, String> show) {
        box.setConverter(converter(show));
        box.setCellFactory(list -> new LocalizedCell<>(messages, show));
        box.setButtonCell(new LocalizedCell<>(messages, show));
    }

    private static final class LocalizedCell<T> extends ListCell<T> {
        private final Function<T, String> show;

        LocalizedCell(Messages messages, Function<T, String> show) {
            this.show = show;
            messages.languageProperty().addListener(new WeakInvalidationListener(redraw));
        }

        private final InvalidationListener redraw = o -> render();

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            render();
        }

        private void render() {
            setText(isEmpty() || getItem() == null ? null : show.apply(getItem()));
        }
    }

    /** A one-way converter for a combo box that is not editable: {@code show} writes each value. */
    static <T> StringConverter<T> converter(Function<T, String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : show.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
