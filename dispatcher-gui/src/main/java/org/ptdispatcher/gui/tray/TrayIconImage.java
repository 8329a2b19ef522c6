package org.ptdispatcher.gui.tray;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The app's icon for the tray: the installers' icon drawn at 64 px (installers/packaging/MakeIcons.java
 * writes it), scaled to what a backend asks, in its colours while the last profile runs and in grey
 * otherwise (the state at a glance, as VPN apps' icons show it), and as the ARGB32 bytes in network
 * byte order a StatusNotifierItem's IconPixmap carries.
 */
public final class TrayIconImage {
    private static final String RESOURCE = "pt-dispatcher-64.png";

    private TrayIconImage() {
    }

    /** The icon at {@code size} × {@code size} pixels. */
    public static BufferedImage at(int size) {
        BufferedImage source = read();
        if (source.getWidth() == size && source.getHeight() == size) {
            return source;
        }
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source, 0, 0, size, size, null);
        g.dispose();
        return scaled;
    }

    /** The icon at {@code size} px: in colour when {@code connected}, else its grey (the same shape and transparency). */
    public static BufferedImage at(int size, boolean connected) {
        BufferedImage colour = at(size);
        return connected ? colour : grey(colour);
    }

    /** Each pixel's luminance (Rec. 709) as its grey, its alpha kept. */
    static BufferedImage grey(BufferedImage image) {
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int luma = (int) Math.round(0.2126 * ((argb >>> 16) & 0xFF) + 0.7152 * ((argb >>> 8) & 0xFF) + 0.0722 * (argb & 0xFF));
                grey.setRGB(x, y, (argb & 0xFF000000) | (luma << 16) | (luma << 8) | luma);
            }
        }
        return grey;
    }

    /** Each pixel as A, R, G, B bytes, row by row: the StatusNotifierItem spec's ARGB32 in network byte order. */
    public static byte[] argb32(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] bytes = new byte[width * height * 4];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                bytes[i++] = (byte) (argb >>> 24);
                bytes[i++] = (byte) (argb >>> 16);
                bytes[i++] = (byte) (argb >>> 8);
                bytes[i++] = (byte) argb;
            }
        }
        return bytes;
    }

    private static BufferedImage read() {
        try (InputStream in = TrayIconImage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the app");
            }
            BufferedImage image = ImageIO.read(in);
            BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = argb.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
            return argb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
