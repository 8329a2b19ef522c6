package org.ptdispatcher.gui.testing;

import javafx.scene.paint.Color;

import java.util.Locale;

/**
 * WCAG 2.x contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): the relative luminance
 * of an sRGB colour and the ratio of two, from 1 (the same) to 21 (black on white). AA asks
 * {@link #AA_TEXT} of text.
 */
public final class Contrast {
    /** WCAG 2.x AA, success criterion 1.4.3, for text of normal size. */
    public static final double AA_TEXT = 4.5;

    private Contrast() {
    }

    /** Relative luminance: the sRGB channels linearised, then weighted; 0 for black, 1 for white. Opacity is ignored. */
    public static double luminance(Color colour) {
        return 0.2126 * linear(colour.getRed()) + 0.7152 * linear(colour.getGreen()) + 0.0722 * linear(colour.getBlue());
    }

    /** The contrast ratio of two opaque colours, in either order: (lighter + 0.05) / (darker + 0.05). */
    public static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** {@code top}, drawn with {@code opacity} (its own alpha times it), over the opaque {@code bottom}: what the eye sees. */
    public static Color over(Color top, double opacity, Color bottom) {
        double a = top.getOpacity() * opacity;
        return Color.color(top.getRed() * a + bottom.getRed() * (1 - a),
                top.getGreen() * a + bottom.getGreen() * (1 - a),
                top.getBlue() * a + bottom.getBlue() * (1 - a));
    }

    /** #rrggbb, and the alpha as a fourth byte when it is not opaque. */
    public static String hex(Color colour) {
        String rgb = String.format(Locale.ROOT, "#%02x%02x%02x", channel(colour.getRed()), channel(colour.getGreen()), channel(colour.getBlue()));
        return colour.getOpacity() >= 1 ? rgb : rgb + String.format(Locale.ROOT, "%02x", channel(colour.getOpacity()));
    }

    private static double linear(double c) {
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int channel(double c) {
        return (int) Math.round(c * 255);
    }
}
