package org.ptdispatcher.gui.view;

import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.ptdispatcher.gui.share.QrCode;

/** Paints a {@link QrCode} as an image: black modules on white, whatever the theme (cameras need the contrast). */
final class QrImages {
    private QrImages() {
    }

    static Image toImage(QrCode code, int pixelsPerModule) {
        int size = code.size() * pixelsPerModule;
        WritableImage image = new WritableImage(size, size);
        PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = code.isDark(x / pixelsPerModule, y / pixelsPerModule);
                pixels.setColor(x, y, dark ? Color.BLACK : Color.WHITE);
            }
        }
        return image;
    }
}
