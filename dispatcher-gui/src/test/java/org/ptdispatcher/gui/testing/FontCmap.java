package org.ptdispatcher.gui.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * The code points a TrueType or OpenType font file maps to a glyph, read from its {@code cmap}
 * table (the Unicode subtables of formats 4 and 12). Not AWT's {@code Font.canDisplay}: AWT answers
 * yes for the zero-width non-joiner and other format characters whether the font has them or not,
 * and that is the character of the defect this checks.
 */
public final class FontCmap {
    private final BitSet mapped = new BitSet();

    private FontCmap() {
    }

    public static FontCmap read(InputStream in) throws IOException {
        ByteBuffer font = ByteBuffer.wrap(in.readAllBytes());
        FontCmap cmap = new FontCmap();
        int tables = font.getShort(4) & 0xFFFF;
        for (int i = 0; i < tables; i++) {
            int record = 12 + 16 * i;
            if (font.getInt(record) == 0x636D6170) { // 'cmap'
                cmap.readCmap(font, font.getInt(record + 8));
                return cmap;
            }
        }
        throw new IOException("no cmap table");
    }

    public boolean has(int codePoint) {
        return mapped.get(codePoint);
    }

    private void readCmap(ByteBuffer font, int cmap) {
        int subtables = font.getShort(cmap + 2) & 0xFFFF;
        for (int i = 0; i < subtables; i++) {
            int platform = font.getShort(cmap + 4 + 8 * i) & 0xFFFF;
            int encoding = font.getShort(cmap + 6 + 8 * i) & 0xFFFF;
            boolean unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            if (unicode) {
                int subtable = cmap + font.getInt(cmap + 8 + 8 * i);
                switch (font.getShort(subtable) & 0xFFFF) {
                    case 4 -> readFormat4(font, subtable);
                    case 12 -> readFormat12(font, subtable);
                    default -> { } // other formats hold no Unicode text characters the app uses
                }
            }
        }
    }

    /** Segments of 16-bit code points, each mapped by a delta or through the glyph array; glyph 0 is "missing". */
    private void readFormat4(ByteBuffer font, int at) {
        int segments = (font.getShort(at + 6) & 0xFFFF) / 2;
        int ends = at + 14;
        int starts = ends + 2 * segments + 2;
        int deltas = starts + 2 * segments;
        int offsets = deltas + 2 * segments;
        for (int s = 0; s < segments; s++) {
            int end = font.getShort(ends + 2 * s) & 0xFFFF;
            int start = font.getShort(starts + 2 * s) & 0xFFFF;
            int delta = font.getShort(deltas + 2 * s);
            int offset = font.getShort(offsets + 2 * s) & 0xFFFF;
            for (int c = start; c <= end && c != 0xFFFF; c++) {
                int glyph;
                if (offset == 0) {
                    glyph = (c + delta) & 0xFFFF;
                } else {
                    int index = font.getShort(offsets + 2 * s + offset + 2 * (c - start)) & 0xFFFF;
                    glyph = index == 0 ? 0 : (index + delta) & 0xFFFF;
                }
                if (glyph != 0) {
                    mapped.set(c);
                }
            }
        }
    }

    /** Groups of code points mapped to consecutive glyphs. */
    private void readFormat12(ByteBuffer font, int at) {
        long groups = font.getInt(at + 12) & 0xFFFFFFFFL;
        for (int g = 0; g < groups; g++) {
            int group = at + 16 + 12 * g;
            int start = font.getInt(group);
            int end = font.getInt(group + 4);
            int firstGlyph = font.getInt(group + 8);
            for (int c = start; c <= end; c++) {
                if (firstGlyph + (c - start) != 0) {
                    mapped.set(c);
                }
            }
        }
    }
}
