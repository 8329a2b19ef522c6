package org.ptdispatcher.gui.view;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import org.ptdispatcher.gui.i18n.Language;

/**
 * Text in a language is drawn in that language's font: the style class {@code lang-fa},
 * {@code lang-zh}, ... on a root, which base.css gives the family of {@link BundledFonts}. JavaFX
 * CSS has no list of fonts to try glyph by glyph, so the choice is made per language, where the
 * language is known: the main window follows the language, a dialog takes it when it opens, and
 * each name in the language list is drawn in its own language's font.
 */
final class LanguageFonts {
    private LanguageFonts() {
    }

    static String styleClass(Language language) {
        return "lang-" + language.locale().getLanguage();
    }

    /** Keeps {@code root}'s language class that of {@code language} as it changes. */
    static void follow(Node root, ObservableValue<Language> language) {
        apply(root, language.getValue());
        language.addListener((o, old, now) -> apply(root, now));
    }

    /** Gives {@code node} the class of {@code language}, and no other language's. */
    static void apply(Node node, Language language) {
        for (Language each : Language.values()) {
            node.getStyleClass().remove(styleClass(each));
        }
        if (language != null) {
            node.getStyleClass().add(styleClass(language));
        }
    }

    /** The language list: each language's name (فارسی, 简体中文) in its own font, whatever the window's. */
    static void nameEachInItsFont(ComboBox<Language> languages) {
        languages.setCellFactory(list -> new NameCell());
        languages.setButtonCell(new NameCell());
    }

    private static final class NameCell extends ListCell<Language> {
        @Override
        protected void updateItem(Language language, boolean empty) {
            super.updateItem(language, empty);
            setText(empty || language == null ? null : language.nativeName());
            apply(this, empty ? null : language);
        }
    }
}
