package org.ptdispatcher.gui.i18n;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.NodeOrientation;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;

/**
 * Every sentence the app shows, from the resource bundles {@code messages*.properties} (UTF-8),
 * in the language of {@link #languageProperty()}. Views bind their text to {@link #text}, so a
 * change of language redraws every label at once; view models use {@link #get} for sentences they
 * compose. A key missing from a translation falls back to English, never to the bare key.
 */
public final class Messages {
    private static final String BUNDLE = "org.ptdispatcher.gui.i18n.messages";

    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(this, "language", Language.ENGLISH);
    private final ObjectProperty<NodeOrientation> orientation = new SimpleObjectProperty<>(this, "orientation", NodeOrientation.LEFT_TO_RIGHT);
    private Language bundleLanguage;
    private ResourceBundle bundle;

    public Messages(Language initial) {
        language.addListener(o -> orientation.set(language.get().isRightToLeft() ? NodeOrientation.RIGHT_TO_LEFT : NodeOrientation.LEFT_TO_RIGHT));
        language.set(initial);
        orientation.set(initial.isRightToLeft() ? NodeOrientation.RIGHT_TO_LEFT : NodeOrientation.LEFT_TO_RIGHT);
    }

    /**
     * The bundle of the current language, loaded on first use after a change: bindings recompute
     * during the change notification, possibly before any listener of ours could have run.
     */
    private ResourceBundle bundle() {
        Language now = language.get();
        if (now != bundleLanguage) {
            bundle = load(now);
            bundleLanguage = now;
        }
        return bundle;
    }

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public Language language() {
        return language.get();
    }

    /** Left to right, or right to left for Persian: the root of the scene follows it and the layout mirrors. */
    public ObservableValue<NodeOrientation> orientationProperty() {
        return orientation;
    }

    /** The sentence for {@code key} now, with {@code args} put in its {0}, {1}... places. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message \"" + key + "\"", e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, language.get().locale()).format(args);
    }

    /** Whether {@code key} exists (in this language or the English fallback). */
    public boolean has(String key) {
        return bundle().containsKey(key);
    }

    /** The sentence for {@code key}, following the language as it changes. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), language);
    }

    /** A sentence computed from view-model state, recomputed when the language or {@code dependencies} change. */
    public StringBinding text(Callable<String> compute, javafx.beans.Observable... dependencies) {
        javafx.beans.Observable[] all = Arrays.copyOf(dependencies, dependencies.length + 1);
        all[dependencies.length] = language;
        return Bindings.createStringBinding(compute, all);
    }

    private static ResourceBundle load(Language language) {
        // Since Java 9 property bundles are read as UTF-8; the root bundle (English) is the fallback.
        return ResourceBundle.getBundle(BUNDLE, language.locale(), ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
