package org.cinestack.finish;

/**
 * Film grain: zero-mean noise added to each pixel, new every frame, deterministic per seed and frame, the same on the
 * three channels (luminance grain). Its amplitude follows the pixel's brightness, strongest in the mid-tones and
 * falling off in deep shadows and highlights, as grain shows on a print: {@code a(Y) = s * 4 Y (1 - Y)}, with Y the
 * pixel's Rec.709 luma in 0..1 and s the strength.
 */
public final class Grain {
    private final double strength;
    private final long seed;

    /**
     * @param strength 0 (none) .. 1 (heavy, about 16 mm); peak amplitude 1.0 gives about +-12 code values
     * @param seed     seed of the grain pattern
     */
    public Grain(double strength, long seed) {
        this.strength = strength;
        this.seed = seed;
    }

    /** @return true when the grain adds nothing */
    public boolean none() {
        return strength <= 0;
    }

    /**
     * Adds grain to a region of a BGR24 frame in place.
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
        double amp = strength * 12;
        long state = seed * 0x9E3779B97F4A7C15L ^ frame * 0xD1B54A32D192ED03L;
        for (int y = y0; y < y0 + h; y++) {
            int i = (y * width + x0) * 3;
            for (int x = 0; x < w; x++, i += 3) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                // sum of two uniforms: a triangular distribution, close enough to Gaussian for grain
                double n = (((z & 0xffff) + ((z >>> 16) & 0xffff)) / 65535.0) - 1.0;
                int b = bgr[i] & 255, g = bgr[i + 1] & 255, r = bgr[i + 2] & 255;
                double luma = (0.0722 * b + 0.7152 * g + 0.2126 * r) / 255.0;
                int d = (int) Math.round(n * amp * 4 * luma * (1 - luma));
                bgr[i] = clamp(b + d);
                bgr[i + 1] = clamp(g + d);
                bgr[i + 2] = clamp(r + d);
            }
        }
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
    }
}
