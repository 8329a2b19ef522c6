import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Draws the app icon and writes it in each OS's format: linux/pt-dispatcher.png (256 px),
 * windows/pt-dispatcher.ico and macos/pt-dispatcher.icns (both holding PNGs, which every
 * supported Windows and macOS reads), and the tray icon the app carries (64 px, the desktop scales it:
 * dispatcher-gui's org/ptdispatcher/gui/tray/pt-dispatcher-64.png). Run from this directory: {@code java MakeIcons.java}.
 */
public class MakeIcons {
    public static void main(String[] args) throws IOException {
        Path here = Path.of(args.length > 0 ? args[0] : ".");
        Files.write(here.resolve("linux/pt-dispatcher.png"), png(256));
        Files.write(here.resolve("windows/pt-dispatcher.ico"), ico(16, 32, 48, 256));
        Files.write(here.resolve("macos/pt-dispatcher.icns"), icns());
        Files.write(here.resolve("../../dispatcher-gui/src/main/resources/org/ptdispatcher/gui/tray/pt-dispatcher-64.png"), png(64));
    }

    /** A rounded square in the app's blue with two crossing paths: traffic taking another way. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size / 256.0;
        g.setPaint(new GradientPaint(0, 0, new Color(0x2F6FDB), 0, size, new Color(0x1B3F8F)));
        g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));
        g.setStroke(new BasicStroke((float) (22 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 110));
        g.draw(new java.awt.geom.Line2D.Double(56 * s, 128 * s, 200 * s, 128 * s));
        Path2D detour = new Path2D.Double();
        detour.moveTo(56 * s, 128 * s);
        detour.curveTo(100 * s, 128 * s, 96 * s, 64 * s, 128 * s, 64 * s);
        detour.curveTo(160 * s, 64 * s, 156 * s, 128 * s, 200 * s, 128 * s);
        g.setColor(Color.WHITE);
        g.draw(detour);
        g.fill(new java.awt.geom.Ellipse2D.Double(36 * s, 108 * s, 40 * s, 40 * s));
        g.fill(new java.awt.geom.Ellipse2D.Double(180 * s, 108 * s, 40 * s, 40 * s));
        g.dispose();
        return image;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", out);
        return out.toByteArray();
    }

    /** ICO: a directory of entries, each a PNG. */
    static byte[] ico(int... sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(sizes[i]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.short16(0);
        out.short16(1);
        out.short16(sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            out.byte8(sizes[i] >= 256 ? 0 : sizes[i]);
            out.byte8(sizes[i] >= 256 ? 0 : sizes[i]);
            out.byte8(0);
            out.byte8(0);
            out.short16(1);
            out.short16(32);
            out.int32(images[i].length);
            out.int32(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) {
            bytes.write(image);
        }
        return bytes.toByteArray();
    }

    /** ICNS: big-endian chunks; ic07, ic08, ic09 hold 128, 256 and 512 px PNGs. */
    static byte[] icns() throws IOException {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(chunks);
        String[] types = {"ic07", "ic08", "ic09"};
        int[] sizes = {128, 256, 512};
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(sizes[i]);
            out.writeBytes(types[i]);
            out.writeInt(8 + image.length);
            out.write(image);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeBytes("icns");
        header.writeInt(8 + chunks.size());
        header.write(chunks.toByteArray());
        return file.toByteArray();
    }

    private record LittleEndian(ByteArrayOutputStream out) {
        void byte8(int v) {
            out.write(v);
        }

        void short16(int v) {
            out.write(v & 0xff);
            out.write((v >> 8) & 0xff);
        }

        void int32(int v) {
            short16(v & 0xffff);
            short16((v >>> 16) & 0xffff);
        }
    }
}
