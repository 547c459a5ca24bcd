package org.cinestack.finish;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A visible watermark: a line of text in the bottom-right corner of a frame, white at 70% opacity over a soft dark
 * edge so it reads on light and dark pictures alike. The text is drawn once (Java2D, antialiased, in DejaVu Sans
 * Bold from the class path, so no font or fontconfig is needed from the system) into two coverage masks; each frame
 * only blends the masks' small rectangle.
 * <p>
 * Size: the text's cap height is about 1/36 of the frame height, with a margin of 1/30 of the frame height from the
 * right and bottom edges (inside the title-safe area of SMPTE ST 2046-1's 90%).
 */
public final class Watermark {
    /** The watermark's typeface, from the jasperreports-fonts jar (DejaVu fonts licence). */
    private static final String FONT = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans-Bold.ttf";
    private static Font typeface; // loaded with the first watermark

    private final int frameWidth, x0, y0, w, h;
    private final byte[] text, edge;

    /**
     * @param label       the text, for example "AI-generated"; not blank
     * @param frameWidth  frame width in pixels
     * @param frameHeight frame height in pixels
     * @throws IllegalArgumentException when the label is blank or does not fit in the frame
     * @throws IllegalStateException    when Java cannot draw text on this machine (no font or fontconfig)
     */
    public Watermark(String label, int frameWidth, int frameHeight) {
        if (label.isBlank()) throw new IllegalArgumentException("a watermark needs text");
        this.frameWidth = frameWidth;
        GlyphVector gv;
        Rectangle2D box;
        try {
            Font font = typeface().deriveFont((float) Math.max(8, frameHeight / 26));
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D pg = probe.createGraphics();
            gv = font.createGlyphVector(pg.getFontRenderContext(), label.strip());
            box = gv.getVisualBounds();
            pg.dispose();
        } catch (InternalError | LinkageError | java.awt.AWTError e) {
            throw new IllegalStateException("Java could not draw the watermark's text (" + e.getMessage() + ")", e);
        }
        int pad = Math.max(2, frameHeight / 240);
        w = (int) Math.ceil(box.getWidth()) + 2 * pad + 2;
        h = (int) Math.ceil(box.getHeight()) + 2 * pad + 2;
        int margin = Math.max(4, frameHeight / 30);
        x0 = frameWidth - margin - w;
        y0 = frameHeight - margin - h;
        if (x0 < 0 || y0 < 0) {
            throw new IllegalArgumentException("the watermark '" + label + "' is wider than the " + frameWidth + "x"
                + frameHeight + " frame; shorten it");
        }
        text = mask(gv, box, pad, 0);
        edge = mask(gv, box, pad, pad);
    }

    private static synchronized Font typeface() {
        if (typeface == null) typeface = loadFont();
        return typeface;
    }

    private static Font loadFont() {
        try (java.io.InputStream in = Watermark.class.getResourceAsStream(FONT)) {
            if (in == null) throw new IllegalStateException("the watermark's font " + FONT + " is not on the class path");
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (java.awt.FontFormatException | java.io.IOException e) {
            throw new IllegalStateException("cannot read the watermark's font " + FONT + ": " + e.getMessage(), e);
        }
    }

    /** Coverage of the glyphs (0..255), drawn {@code spread} pixels around in every direction for the edge. */
    private byte[] mask(GlyphVector gv, Rectangle2D box, int pad, int spread) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        float bx = (float) (pad + 1 - box.getX()), by = (float) (pad + 1 - box.getY());
        for (int dy = -spread; dy <= spread; dy++) {
            for (int dx = -spread; dx <= spread; dx++) {
                if (dx * dx + dy * dy <= spread * spread) g.fill(gv.getOutline(bx + dx, by + dy));
            }
        }
        g.dispose();
        return ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData().clone();
    }

    /**
     * The frame with the watermark, leaving the frame itself as it was (frames whose corner is not drawn again, such
     * as letterbox bars or a held gap, would otherwise take the mark again and again).
     *
     * @param bgr  a BGR24 frame of the size given at construction; not changed
     * @param into where the marked frame goes, the same size
     * @return {@code into}
     */
    public byte[] over(byte[] bgr, byte[] into) {
        System.arraycopy(bgr, 0, into, 0, bgr.length);
        apply(into);
        return into;
    }

    /**
     * Blends the watermark into a BGR24 frame of the size given at construction, in place.
     *
     * @param bgr the frame
     */
    public void apply(byte[] bgr) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int m = y * w + x, t = text[m] & 255, e = edge[m] & 255;
                if ((t | e) == 0) continue;
                int darken = e * 45 / 100, lighten = t * 70 / 100; // 45% shadow, then 70% white
                int i = ((y0 + y) * frameWidth + x0 + x) * 3;
                for (int k = 0; k < 3; k++) {
                    int v = (bgr[i + k] & 255) * (255 - darken) / 255;
                    bgr[i + k] = (byte) (v + (255 - v) * lighten / 255);
                }
            }
        }
    }

    /** @return {x, y, width, height} of the area the watermark may change */
    public int[] area() {
        return new int[] {x0, y0, w, h};
    }
}
