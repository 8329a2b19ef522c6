package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.i18n.Language;

import java.util.ResourceBundle;

/** The messages of a language as the app resolves them: its bundle, with English where it has no translation. */
public final class LanguageBundles {
    private LanguageBundles() {
    }

    public static ResourceBundle of(Language language) {
        return ResourceBundle.getBundle("org.ptdispatcher.gui.i18n.messages", language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
