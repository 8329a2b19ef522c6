package org.ptdispatcher.gui.view;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.testing.FontCmap;
import org.ptdispatcher.gui.testing.LanguageBundles;

import java.awt.Font;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message of every language that has a bundled font, the English ones it falls back to, its
 * name in the language list and the symbols the views write around messages, has a glyph for each
 * of its code points in the regular and the bold file; and each file is of the family base.css
 * names. LanguageFontsIT checks that the window draws with these families.
 */
class BundledFontsTest {
    /** Put between or instead of messages by the views: the profile list's " · ", "Browse…", a hidden secret. */
    private static final String SYMBOLS = " ·…•";

    @Test
    void everyMessageHasAGlyphForEachCodePointInItsLanguagesFont() throws Exception {
        for (Language language : Language.values()) {
            BundledFonts.Family family = BundledFonts.forLanguage(language).orElse(null);
            if (family == null) {
                continue;
            }
            ResourceBundle bundle = LanguageBundles.of(language);
            for (String file : family.files()) {
                FontCmap cmap;
                try (InputStream in = BundledFonts.open(file)) {
                    cmap = FontCmap.read(in);
                }
                List<String> missing = new ArrayList<>();
                for (String key : bundle.keySet()) {
                    missing.addAll(missing(cmap, key, bundle.getString(key)));
                }
                missing.addAll(missing(cmap, "the language's name", language.nativeName()));
                missing.addAll(missing(cmap, "symbols", SYMBOLS));
                assertTrue(missing.isEmpty(), file + " has no glyph for: " + missing);
            }
        }
    }

    @Test
    void persianHasTheZeroWidthNonJoinerThatWentMissing() throws Exception {
        assertTrue(LanguageBundles.of(Language.PERSIAN).keySet().stream()
                .anyMatch(key -> LanguageBundles.of(Language.PERSIAN).getString(key).indexOf('\u200C') >= 0), "the bundle still has ZWNJ");
        for (String file : BundledFonts.PERSIAN.files()) {
            try (InputStream in = BundledFonts.open(file)) {
                assertTrue(FontCmap.read(in).has(0x200C), file);
            }
        }
    }

    @Test
    void eachFileIsOfTheFamilyTheStyleSheetNames() throws Exception {
        for (BundledFonts.Family family : List.of(BundledFonts.PERSIAN, BundledFonts.CHINESE)) {
            for (String file : family.files()) {
                try (InputStream in = BundledFonts.open(file)) {
                    assertEquals(family.name(), Font.createFont(Font.TRUETYPE_FONT, in).getFamily(java.util.Locale.ENGLISH), file);
                }
            }
        }
    }

    private static List<String> missing(FontCmap cmap, String where, String text) {
        return text.codePoints().filter(c -> !cmap.has(c)).distinct()
                .mapToObj(c -> String.format("U+%04X in %s", c, where)).toList();
    }
}
