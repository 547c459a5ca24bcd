package org.cinestack.finish;

import java.util.Locale;

/**
 * Film grain: zero-mean noise added to each pixel after the grade, new every frame, deterministic per seed and frame,
 * the same on the three channels (luminance grain).
 * <p>
 * Amplitude follows the pixel's brightness, strongest in the mid-tones and falling off in deep shadows and
 * highlights, as grain shows on a print: {@code a(Y) = s * k * 4 Y (1 - Y)}, with Y the pixel's Rec.709 luma in 0..1,
 * s the strength and k the stock's amplitude. Grain size follows the stock ({@link Stock}): noise is drawn on a
 * lattice of cells {@code size} pixels apart (at 1080 lines; scaled with the frame height) and interpolated
 * bilinearly between them, so coarser stocks clump; the interpolation's loss of variance (4/9 on average for
 * independent cells) is made up, so the strength means the same at every size.
 */
public final class Grain {
    /**
     * Film stocks by grain: cell size in pixels at 1080 lines, and relative amplitude (slow daylight stocks are fine
     * and quiet, fast tungsten and 16 mm coarse and loud).
     */
    public enum Stock {
        /** Kodak Vision3 50D 5203: the finest. */
        VISION3_50D(1.0, 0.6),
        /** Kodak Vision3 250D 5207. */
        VISION3_250D(1.4, 0.85),
        /** Kodak Vision3 500T 5219: the fastest 35 mm stock. */
        VISION3_500T(1.8, 1.0),
        /** 16 mm (Vision3 500T 7219): the same emulsion on a smaller frame, so larger on screen. */
        SIXTEEN_MM(2.8, 1.35),
        /** No stock named: fine, per-pixel grain. */
        DEFAULT(1.0, 1.0);

        private final double sizePx;
        private final double amplitude;

        Stock(double sizePx, double amplitude) {
            this.sizePx = sizePx;
            this.amplitude = amplitude;
        }

        /** @return grain cell size in pixels at 1080 lines */
        public double sizePx() {
            return sizePx;
        }

        /** @return amplitude relative to 500T */
        public double amplitude() {
            return amplitude;
        }

        /**
         * @param text film.yaml's {@code look.stock}, for example "Kodak Vision3 500T" or "16mm 7219"
         * @return the stock it names, or {@link #DEFAULT}
         */
        public static Stock of(String text) {
            String t = text.toLowerCase(Locale.ROOT).replace(" ", "");
            if (t.contains("16mm") || t.contains("7219") || t.contains("7207") || t.contains("super16")) {
                return SIXTEEN_MM;
            }
            if (t.contains("500t") || t.contains("5219")) return VISION3_500T;
            if (t.contains("250d") || t.contains("5207")) return VISION3_250D;
            if (t.contains("50d") || t.contains("5203")) return VISION3_50D;
            return DEFAULT;
        }
    }

    private final double strength;
    private final long seed;
    private final Stock stock;

    /**
     * Per-pixel grain of the default stock.
     *
     * @param strength 0 (none) .. 1 (heavy); peak amplitude 1.0 gives about +-12 code values in the mid-tones
     * @param seed     seed of the grain pattern
     */
    public Grain(double strength, long seed) {
        this(strength, seed, Stock.DEFAULT);
    }

    /**
     * @param strength 0 (none) .. 1 (heavy)
     * @param seed     seed of the grain pattern
     * @param stock    the stock, which sets grain size and amplitude
     */
    public Grain(double strength, long seed, Stock stock) {
        this.strength = strength;
        this.seed = seed;
        this.stock = stock;
    }

    /**
     * The grain of one shot: the same strength and stock, a pattern of its own that depends only on the film's seed
     * and the shot's id, so a shot's grain stays the same when other shots change (frames are then numbered from the
     * shot's first).
     *
     * @param shotId the shot's id
     * @return the shot's grain
     */
    public Grain forShot(String shotId) {
        long h = seed;
        for (byte b : shotId.getBytes(java.nio.charset.StandardCharsets.UTF_8)) h = (h ^ b) * 0x100000001B3L; // FNV-1a
        return new Grain(strength, h, stock);
    }

    /** @return a text that identifies this grain: strength, stock and seed, for cache keys */
    public String describe() {
        return strength + "/" + stock + "/" + seed;
    }

    /** @return true when the grain adds nothing */
    public boolean none() {
        return strength <= 0;
    }

    /** @return the peak amplitude in code values at mid-grey of this grain ({@code a(0.5)}) */
    public double peakCodeValues() {
        return strength * stock.amplitude() * 12;
    }

    /**
     * A triangular noise value (the sum of two uniforms, close enough to Gaussian for grain) at a lattice point, in
     * 1/2048: -2048..2047.
     */
    private static int noise(long seed, long frame, long x, long y) {
        long z = seed * 0x9E3779B97F4A7C15L ^ frame * 0xD1B54A32D192ED03L ^ x * 0xC2B2AE3D27D4EB4FL
            ^ y * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) ((z & 0xffff) + ((z >>> 16) & 0xffff) - 65535) >> 5;
    }

    /**
     * Adds grain to a region of a BGR24 frame in place, in bands of rows over the cores.
     * <p>
     * In integers: noise in 1/2048, the amplitude curve tabulated by 8-bit luma (Rec.709 weights in 1/256: 54, 183,
     * 19) in 1/256 code value, lattice fractions in 1/256; the added value is rounded to the nearest code.
     *
     * @param bgr    frame bytes
     * @param width  frame width
     * @param x0     region left
     * @param y0     region top
     * @param w      region width
     * @param h      region height
     * @param frame  frame number (the grain is new every frame)
     */
    public void apply(byte[] bgr, int width, int x0, int y0, int w, int h, long frame) {
        if (none()) return;
        Region region = region(Math.max(1, bgr.length / 3 / Math.max(1, width)), width, x0, w, frame);
        Bands.run(h, 32, 32, (from, to) -> { // rows in bands over the cores: the noise is a function of place
            Rows rows = region.rows();
            for (int y = y0 + from; y < y0 + to; y++) rows.add(bgr, y);
        });
    }

    /**
     * Prepares one frame's grain over a band of columns, for adding it row by row ({@link Region#rows}).
     *
     * @param frameHeight the frame's height in pixels (grain size scales with it)
     * @param width       the frame's width in pixels
     * @param x0          the band's left column
     * @param w           the band's width
     * @param frame       frame number (the grain is new every frame)
     * @return the prepared grain
     */
    public Region region(int frameHeight, int width, int x0, int w, long frame) {
        return new Region(frameHeight, width, x0, w, frame);
    }

    /**
     * One frame's grain over columns {@code x0 .. x0 + w}: the amplitude curve by luma (1/256 code value per unit
     * noise), each column's lattice cell and fraction (1/256). Immutable, shared by the threads adding it.
     */
    public final class Region {
        private final int width, x0, w, cells;
        private final long frame, firstCell;
        private final double cell;
        private final boolean perPixel;
        private final int[] curve = new int[256], curveY = new int[256];
        private final int[] cellOf, fraction;

        private Region(int frameHeight, int width, int x0, int w, long frame) {
            this.width = width;
            this.x0 = x0;
            this.w = w;
            this.frame = frame;
            cell = stock.sizePx() * frameHeight / 1080.0;
            perPixel = cell <= 1.0;
            double gain = perPixel ? 1 : 1.5; // sqrt(9/4): bilinear mixing keeps 4/9 of the variance on average
            for (int l = 0; l < 256; l++) {
                double y = l / 255.0;
                curve[l] = (int) Math.round(peakCodeValues() * gain * 4 * y * (1 - y) * 256);
                double yl = Math.clamp((l - 16) / 219.0, 0, 1); // by Y' code, in Y' steps (219 to RGB's 255)
                curveY[l] = (int) Math.round(peakCodeValues() * gain * 4 * yl * (1 - yl) * 256 * 219 / 255);
            }
            firstCell = perPixel ? 0 : (long) Math.floor(x0 / cell);
            cells = perPixel ? 0 : (int) ((long) Math.floor((x0 + w) / cell) - firstCell + 2);
            cellOf = new int[perPixel ? 0 : w];
            fraction = new int[perPixel ? 0 : w]; // per column: the lattice cell left of it and the way to the next
            for (int x = 0; x < cellOf.length; x++) {
                double gx = (x0 + x) / cell;
                long cx = (long) Math.floor(gx);
                cellOf[x] = (int) (cx - firstCell);
                fraction[x] = (int) Math.round((gx - cx) * 256);
            }
        }

        /** @return a new adder of rows, for one thread; rows go fastest in increasing order */
        public Rows rows() {
            return new Rows(this);
        }
    }

    /** Adds a {@link Region}'s grain to rows, keeping the two lattice rows around the last one (one thread only). */
    public final class Rows {
        private final Region r;
        private int[] upper, lower;
        private final int[] cellRow, row;
        private long rowCells = Long.MIN_VALUE;

        private Rows(Region r) {
            this.r = r;
            upper = new int[r.cells];
            lower = new int[r.cells];
            cellRow = new int[r.cells];
            row = new int[r.w];
        }

        /**
         * @param bgr the BGR24 frame
         * @param y   the row to grain
         */
        public void add(byte[] bgr, int y) {
            int[] n = noise(y), curve = r.curve;
            for (int x = 0, i = (y * r.width + r.x0) * 3; x < r.w; x++, i += 3) Grain.add(bgr, i, n[x], curve);
        }

        /**
         * Adds the grain to a row of a Y' plane in limited range: the same grain as {@link #add} on RGB, since the
         * same value added to R', G' and B' moves Y' by 219/255 of it and leaves Cb and Cr alone; the curve is
         * indexed by the sample's Y' (its own matrix's luma), and the result is kept within 16..235.
         *
         * @param luma the Y' plane, {@code width} samples a row
         * @param y    the row to grain
         */
        public void addLuma(byte[] luma, int y) {
            int[] n = noise(y), curve = r.curveY;
            for (int x = 0, i = y * r.width + r.x0; x < r.w; x++, i++) {
                int l = luma[i] & 255, v = l + ((n[x] * curve[l] + (1 << 18)) >> 19);
                luma[i] = (byte) (v < 16 ? 16 : v > 235 ? 235 : v);
            }
        }

        /** @return the row's noise per column of the region, in 1/2048 (a buffer reused by the next call) */
        private int[] noise(int y) {
            int[] out = row;
            if (r.perPixel) {
                for (int x = 0; x < r.w; x++) out[x] = Grain.noise(seed, r.frame, r.x0 + x, y);
                return out;
            }
            double gy = y / r.cell;
            long cy = (long) Math.floor(gy);
            int fy = (int) Math.round((gy - cy) * 256);
            if (cy != rowCells) { // the two lattice rows around this pixel row, once per cell row
                if (cy == rowCells + 1) { // the next cell row: its upper lattice row is the last one's lower
                    int[] t = upper;
                    upper = lower;
                    lower = t;
                    for (int k = 0; k < r.cells; k++) lower[k] = Grain.noise(seed, r.frame, r.firstCell + k, cy + 1);
                } else {
                    for (int k = 0; k < r.cells; k++) {
                        upper[k] = Grain.noise(seed, r.frame, r.firstCell + k, cy);
                        lower[k] = Grain.noise(seed, r.frame, r.firstCell + k, cy + 1);
                    }
                }
                rowCells = cy;
            }
            int[] u = upper, l = lower, n = cellRow, cellOf = r.cellOf, fraction = r.fraction;
            for (int k = 0; k < n.length; k++) n[k] = u[k] + ((l[k] - u[k]) * fy >> 8);
            for (int x = 0; x < r.w; x++) {
                int k = cellOf[x];
                out[x] = n[k] + ((n[k + 1] - n[k]) * fraction[x] >> 8);
            }
            return out;
        }
    }

    /** Adds noise {@code n} (1/2048) scaled by the curve at the pixel's luma to the pixel at byte {@code i}. */
    private static void add(byte[] bgr, int i, int n, int[] curve) {
        int b = bgr[i] & 255, g = bgr[i + 1] & 255, r = bgr[i + 2] & 255;
        int d = (n * curve[(54 * r + 183 * g + 19 * b + 128) >> 8] + (1 << 18)) >> 19;
        bgr[i] = clamp(b + d);
        bgr[i + 1] = clamp(g + d);
        bgr[i + 2] = clamp(r + d);
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
    }
}
