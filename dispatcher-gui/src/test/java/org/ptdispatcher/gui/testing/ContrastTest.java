package org.ptdispatcher.gui.testing;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WCAG arithmetic against values the W3C and common checkers publish. */
class ContrastTest {

    @Test
    void luminanceRunsFromBlackToWhite() {
        assertEquals(0, Contrast.luminance(Color.BLACK), 1e-12);
        assertEquals(1, Contrast.luminance(Color.WHITE), 1e-12);
        // Green weighs most, blue least (the sRGB coefficients).
        assertEquals(0.7152, Contrast.luminance(Color.rgb(0, 255, 0)), 1e-9);
        assertEquals(0.0722, Contrast.luminance(Color.rgb(0, 0, 255)), 1e-9);
        // Below the knee the channel is linear: 10/255 = 0.0392 <= 0.03928.
        assertEquals(10 / 255.0 / 12.92, Contrast.luminance(Color.rgb(10, 10, 10)), 1e-9, "JavaFX keeps channels as floats");
    }

    @Test
    void ratiosOfKnownPairs() {
        assertEquals(21, Contrast.ratio(Color.BLACK, Color.WHITE), 1e-9);
        assertEquals(21, Contrast.ratio(Color.WHITE, Color.BLACK), 1e-9, "either order");
        assertEquals(1, Contrast.ratio(Color.web("#5b6570"), Color.web("#5b6570")), 1e-12);
        // #777 on white just misses AA, #767676 is the lightest grey that passes.
        assertEquals(4.48, Contrast.ratio(Color.web("#777777"), Color.WHITE), 0.005);
        assertTrue(Contrast.ratio(Color.web("#777777"), Color.WHITE) < Contrast.AA_TEXT);
        assertEquals(4.54, Contrast.ratio(Color.web("#767676"), Color.WHITE), 0.005);
        assertTrue(Contrast.ratio(Color.web("#767676"), Color.WHITE) >= Contrast.AA_TEXT);
        assertEquals(4.0, Contrast.ratio(Color.web("#ff0000"), Color.WHITE), 0.005);
    }

    @Test
    void aTranslucentColourIsSeenMixedWithWhatIsUnderIt() {
        Color half = Contrast.over(Color.WHITE, 0.5, Color.BLACK);
        assertEquals(0.5, half.getRed(), 1e-9);
        assertEquals(1, half.getOpacity(), 1e-12);
        assertEquals(Color.web("#336699"), Contrast.over(Color.web("#336699"), 1, Color.WHITE));
        assertEquals(Color.WHITE, Contrast.over(Color.web("#33669900"), 1, Color.WHITE), "fully transparent");
        assertEquals("#336699", Contrast.hex(Color.web("#336699")));
        assertEquals("#33669980", Contrast.hex(Color.web("#336699", 128 / 255.0)));
    }
}
