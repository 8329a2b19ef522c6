package org.ptdispatcher.gui.view;

import javafx.scene.text.Font;
import org.ptdispatcher.gui.i18n.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fonts the app carries for scripts a system may have no font for: Vazirmatn for Persian, with
 * Latin letters and digits, and Noto Sans CJK SC, cut down to the Chinese bundle's characters, for
 * Chinese. Vazirmatn also ends the boxes in words such as نمایه‌های: JavaFX lays out their
 * zero-width non-joiner as the font's missing glyph, whatever the font, and Vazirmatn's is blank
 * where most fonts' (DejaVu Sans's) is a box. Both are SIL OFL 1.1,
 * each with its license beside it; {@code dispatcher-gui/fonts/update-fonts.sh} remakes them.
 * base.css gives a language's root its family ({@link LanguageFonts}); Russian and English keep the
 * system's font, which has Cyrillic wherever Cyrillic is read.
 */
public final class BundledFonts {
    /** A family as base.css names it, and its two files (base.css draws titles and labels bold). */
    record Family(String name, String regular, String bold) {
        List<String> files() {
            return List.of(regular, bold);
        }
    }

    static final Family PERSIAN = new Family("Vazirmatn", "vazirmatn/Vazirmatn-Regular.ttf", "vazirmatn/Vazirmatn-Bold.ttf");
    static final Family CHINESE = new Family("Noto Sans CJK SC",
            "noto-sans-cjk-sc/NotoSansCJKsc-Regular-subset.otf", "noto-sans-cjk-sc/NotoSansCJKsc-Bold-subset.otf");

    private static boolean loaded;

    private BundledFonts() {
    }

    /** The bundled family {@code language} is drawn in, or none for the system's font. */
    static Optional<Family> forLanguage(Language language) {
        return switch (language) {
            case PERSIAN -> Optional.of(PERSIAN);
            case CHINESE_SIMPLIFIED -> Optional.of(CHINESE);
            case ENGLISH, RUSSIAN -> Optional.empty();
        };
    }

    /**
     * Registers the fonts with JavaFX, once, before the first scene is styled: CSS finds a family
     * only among the system's fonts and those loaded. A font that does not load is reported and
     * left out; its language then falls back to the system's font, as before the app bundled one.
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        for (Family family : List.of(PERSIAN, CHINESE)) {
            for (String file : family.files()) {
                try (InputStream in = open(file)) {
                    if (Font.loadFont(in, Font.getDefault().getSize()) == null) {
                        System.err.println("PT Dispatcher: JavaFX could not load the font " + file);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(file, e);
                }
            }
        }
    }

    /** A bundled font file, such as {@code vazirmatn/Vazirmatn-Regular.ttf}. */
    static InputStream open(String file) {
        return Objects.requireNonNull(BundledFonts.class.getResourceAsStream("/org/ptdispatcher/gui/fonts/" + file), file);
    }
}
