package org.ptdispatcher.gui.view;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.testing.DrawnGlyphs;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.testing.LanguageBundles;
import org.ptdispatcher.gui.testing.Png;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the window draws in each language has no missing glyph. After the language is chosen in the
 * list by its name, every visible text of the welcome page is in the language's family (Vazirmatn,
 * Noto Sans CJK SC, the system's for Russian and English) and draws no missing glyph; and every
 * message of the language, laid out whole (Persian letters join, and a ZWNJ is drawn between two of
 * them) in each face those texts use, the regular and the bold, draws none either (see
 * {@link DrawnGlyphs}: fallback fonts count, as they are what a user sees). Each page is saved in
 * target/language-fonts for a person to look at.
 */
class LanguageFontsIT extends GuiTest {

    @Test
    void everyMessageOfEveryLanguageIsDrawnWithItsGlyphs() throws Exception {
        for (Language language : List.of(Language.PERSIAN, Language.CHINESE_SIMPLIFIED, Language.RUSSIAN, Language.ENGLISH)) {
            robot.clickOn("#languageChoice");
            robot.clickOn(language.nativeName());
            waitUntil(language + " chosen", ENGINE_DEADLINE, () -> vm().messages().language() == language);
            WaitForAsyncUtils.waitForFxEvents();
            String family = BundledFonts.forLanguage(language).map(BundledFonts.Family::name).orElse(Font.getDefault().getFamily());
            Scene scene = onFx(() -> robot.lookup("#mainView").query().getScene());

            List<String> missing = new ArrayList<>();
            Map<String, Font> faces = new TreeMap<>();
            onFx(() -> {
                for (Text text : visibleTexts(scene.getRoot(), new ArrayList<>())) {
                    assertEquals(family, text.getFont().getFamily(), "the font of \"" + text.getText() + "\"");
                    faces.putIfAbsent(text.getFont().getName(), text.getFont());
                    missing.addAll(DrawnGlyphs.missing(text.getFont(), text.getText()));
                }
                Png.write(scene, Path.of("target", "language-fonts", language.tag() + ".png"));
                return null;
            });
            assertEquals(2, faces.size(), language + ": the texts are drawn in a regular and a bold face, " + faces.keySet());

            ResourceBundle messages = LanguageBundles.of(language);
            for (Font face : faces.values()) {
                missing.addAll(onFx(() -> messages.keySet().stream()
                        .flatMap(key -> DrawnGlyphs.missing(face, messages.getString(key)).stream()).toList()));
            }
            assertTrue(missing.isEmpty(), language + ": drawn as the missing glyph: " + String.join("\n", missing));
        }
    }

    /**
     * Every visible text under {@code node} but the language list's (each name is in its own
     * language's font) and monospaced ones (addresses, bridge lines), which are in no language.
     */
    private static List<Text> visibleTexts(Node node, List<Text> texts) {
        if (!node.isVisible() || node instanceof ComboBox || node.getStyleClass().contains("mono")) {
            return texts;
        }
        if (node instanceof Text text && text.getText() != null && !text.getText().isBlank()) {
            texts.add(text);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visibleTexts(child, texts);
            }
        }
        return texts;
    }
}
