package org.ptdispatcher.gui.testing;

import com.sun.javafx.scene.text.GlyphList;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The characters a JavaFX {@link Text} draws with its font's missing glyph (glyph 0 of a font,
 * fallback fonts included), read from the glyph runs the text is drawn from. JavaFX has no public
 * API for that, so this reaches its text layout by reflection (the tests run JavaFX on the class
 * path, so nothing is closed to it); call it on the FX thread.
 *
 * <p>JavaFX lays out the zero-width non-joiner (and other format characters) as glyph 0 in every
 * font, even one that maps it: the reader sees that font's missing glyph, a box in DejaVu Sans,
 * nothing in Vazirmatn, whose missing glyph is blank. So a format character counts as missing only
 * where the missing glyph shows; any other character at glyph 0 is missing, box or blank.
 */
public final class DrawnGlyphs {
    /** Unassigned in Unicode, so in no font: what a font draws for it is its missing glyph. */
    private static final String IN_NO_FONT = "\u0378";

    private DrawnGlyphs() {
    }

    /**
     * The code points {@code content} drawn in {@code font} on one line shows as a missing glyph,
     * each with its index. One line: wrapping splits a run and leaves its character indices
     * relative to the run before the split.
     */
    public static List<String> missing(Font font, String content) {
        Text text = new Text(content);
        text.setFont(font);
        new Group(text);
        return missing(text);
    }

    private static List<String> missing(Text text) {
        boolean missingGlyphShows = inked(draw(text.getFont(), IN_NO_FONT));
        String content = text.getText();
        List<String> missing = new ArrayList<>();
        try {
            for (GlyphList run : runs(text)) {
                int start = (int) run.getClass().getMethod("getStart").invoke(run);
                for (int i = 0; i < run.getGlyphCount(); i++) {
                    // A fallback font's glyphs carry its slot in the top byte.
                    if ((run.getGlyphCode(i) & 0xFFFFFF) != 0) {
                        continue;
                    }
                    int at = start + run.getCharOffset(i);
                    int codePoint = content.codePointAt(at);
                    if (Character.getType(codePoint) != Character.FORMAT || missingGlyphShows) {
                        missing.add(String.format("U+%04X %s at %d of \"%s\" in %s", codePoint, Character.getName(codePoint), at,
                                content, text.getFont().getName()));
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("JavaFX's text layout changed: " + e, e);
        }
        return missing;
    }

    private static GlyphList[] runs(Text text) throws ReflectiveOperationException {
        Method layout = Text.class.getDeclaredMethod("getTextLayout");
        layout.setAccessible(true);
        Object textLayout = layout.invoke(text);
        return (GlyphList[]) textLayout.getClass().getMethod("getRuns").invoke(textLayout);
    }

    private static Image draw(Font font, String content) {
        Text shown = new Text(content);
        shown.setFont(font);
        shown.setFill(Color.BLACK);
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(Color.WHITE);
        return shown.snapshot(parameters, null);
    }

    private static boolean inked(Image image) {
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (pixels.getArgb(x, y) != 0xFFFFFFFF) {
                    return true;
                }
            }
        }
        return false;
    }
}
