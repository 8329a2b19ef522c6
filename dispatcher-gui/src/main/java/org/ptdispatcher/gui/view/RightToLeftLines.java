package org.ptdispatcher.gui.view;

import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Shows a wrapped paragraph of Persian (any right-to-left script) whole. JavaFX 21 breaks such a
 * paragraph into the right lines but draws the glyphs of its first lines as if unbroken, so a
 * sentence wider than its label runs out of it, over the sidebar; lines it is given with
 * {@code \n} it draws right. So the breaks are worked out here, from where a {@link Text} of the
 * label's font and width puts its carets, and the label is given the text with them. Text
 * without a right-to-left letter is shown as it is.
 *
 * <p>The label takes the full width its parent offers ({@code maxWidth} unbounded): breaking at
 * a width gives lines no wider than it, and breaking again at their width gives the same lines,
 * so the layout settles at once.
 */
final class RightToLeftLines {
    private RightToLeftLines() {
    }

    /** Shows {@code source} in {@code label}, wrapped, following the source, the label's width and its font. */
    static void show(Label label, ObservableValue<String> source) {
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        InvalidationListener update = o -> label.setText(lines(source.getValue(), label.getFont(), contentWidth(label)));
        source.addListener(update);
        label.widthProperty().addListener(update);
        label.fontProperty().addListener(update);
        label.getProperties().put(RightToLeftLines.class, source);  // the label keeps its source
        update.invalidated(source);
    }

    private static double contentWidth(Label label) {
        return label.getWidth() - label.snappedLeftInset() - label.snappedRightInset();
    }

    /** {@code text} with a line break wherever wrapping at {@code width} in {@code font} breaks it. */
    static String lines(String text, Font font, double width) {
        if (text == null || width <= 0 || !hasRightToLeftLetter(text)) {
            return text;
        }
        Text measure = new Text(text);
        measure.setFont(font);
        measure.setWrappingWidth(width);
        StringBuilder broken = new StringBuilder(text.length() + 8);
        double lineY = Double.NaN;
        for (int i = 0; i < text.length(); i++) {
            double y = caretY(measure, i);
            if (!Double.isNaN(lineY) && y > lineY + 0.5 && broken.length() > 0 && broken.charAt(broken.length() - 1) != '\n'
                    && text.charAt(i) != '\n') {
                trimTrailingSpace(broken);
                broken.append('\n');
            }
            lineY = y;
            broken.append(text.charAt(i));
        }
        return broken.toString();
    }

    private static double caretY(Text measure, int index) {
        PathElement[] caret = measure.caretShape(index, true);
        return caret.length > 0 && caret[0] instanceof MoveTo move ? move.getY() : Double.NaN;
    }

    private static void trimTrailingSpace(StringBuilder line) {
        while (line.length() > 0 && line.charAt(line.length() - 1) == ' ') {
            line.setLength(line.length() - 1);
        }
    }

    private static boolean hasRightToLeftLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            byte direction = Character.getDirectionality(text.charAt(i));
            if (direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                return true;
            }
        }
        return false;
    }
}
