package org.ptdispatcher.gui.tray;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tray icon: the app's icon at the sizes asked, and its pixels as StatusNotifierItem's ARGB32 in network byte order. */
class TrayIconImageTest {
    @Test
    void pixelsGoAsAlphaRedGreenBlueRowByRow() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80112233);
        image.setRGB(1, 0, 0xFF445566);

        assertArrayEquals(new byte[] {(byte) 0x80, 0x11, 0x22, 0x33, (byte) 0xFF, 0x44, 0x55, 0x66}, TrayIconImage.argb32(image));
    }

    @Test
    void theIconComesAtEachSizeAskedWithATransparentCornerAndAnOpaqueMiddle() {
        for (int size : new int[] {22, 32, 64}) {
            BufferedImage icon = TrayIconImage.at(size);
            assertEquals(size, icon.getWidth());
            assertEquals(size, icon.getHeight());
            assertEquals(0, icon.getRGB(0, 0) >>> 24, "the rounded square leaves the corner clear at " + size);
            assertTrue((icon.getRGB(size / 2, size / 2) >>> 24) > 200, "the app's blue in the middle at " + size);
        }
    }

    @Test
    void disconnectedItIsTheSameIconInGrey() {
        BufferedImage colour = TrayIconImage.at(32, true);
        BufferedImage grey = TrayIconImage.at(32, false);
        boolean colourHasColour = false;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int c = colour.getRGB(x, y);
                int g = grey.getRGB(x, y);
                assertEquals(c >>> 24, g >>> 24, "the same shape: alpha at " + x + "," + y);
                assertEquals((g >>> 16) & 0xFF, g & 0xFF, "grey at " + x + "," + y);
                assertEquals((g >>> 8) & 0xFF, g & 0xFF, "grey at " + x + "," + y);
                colourHasColour |= (c >>> 24) > 0 && (c & 0xFF) != ((c >>> 16) & 0xFF);
            }
        }
        assertTrue(colourHasColour, "connected, the app's blue");
    }
}
