package org.cinestack.finish;

import java.util.Locale;
import java.util.Optional;

/**
 * A shot's grade, in the order colourists work: exposure, soft contrast, secondary skin, harmonisation, look (grain
 * comes after, on the frame). Every colour step is a function of colour, so the whole grade compiles into one 3D LUT
 * ({@link #compile}) applied once per pixel.
 * <ul>
 *   <li>Exposure: linear light (IEC 61966-2-1 decoding) times {@code 2^stops}.</li>
 *   <li>Soft contrast: an S-curve on the encoded luma around its pivot, {@code y + c (s(y) - y)} with
 *       {@code s} the smoothstep {@code 3y^2 - 2y^3}, faded out above 0.75 so highlights keep their headroom; the
 *       colour is scaled with its luma, so hues do not shift.</li>
 *   <li>Secondary skin: how much a colour is skin is measured here (a Gaussian around CIELAB hue 55 degrees, sigma
 *       18, with chroma 8..60, the band skin tones of all complexions fall in); after the look, that share of the
 *       look's hue change is undone, so faces stay natural under a strong look.</li>
 *   <li>Harmonisation: a match to a reference shot ({@link ColourMatch}), if any.</li>
 *   <li>Look: a {@link Preset} or a {@code .cube} file.</li>
 * </ul>
 *
 * @param exposureStops  -4..4
 * @param contrast       0 (none) .. 1 (strong)
 * @param skinProtection 0 (the look applies to skin as to everything) .. 1 (skin keeps its hue)
 * @param harmonise      a match to a reference, if any
 * @param preset         a look preset, if any
 * @param lut            a look from a .cube file, if any (after the preset)
 */
public record Grade(double exposureStops, double contrast, double skinProtection,
                    Optional<ColourMatch.Transform> harmonise, Optional<Preset> preset, Optional<CubeLut> lut) {

    /** The identity grade. */
    public static final Grade NONE = new Grade(0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty());

    /** Look presets, each a function of colour in CIELAB. */
    public enum Preset {
        /** Shadows toward teal, highlights and skin toward orange (the blockbuster split). */
        TEAL_ORANGE,
        /** Desaturated, warm, deeper blacks. */
        WARM_NOIR,
        /** Slightly desaturated and cool, natural contrast. */
        COOL_DOCUMENTARY,
        /** Silver retained: half the saturation, harder contrast. */
        BLEACH_BYPASS;

        /** @return the preset for a film.yaml code such as {@code teal-orange}, or empty */
        public static Optional<Preset> of(String code) {
            String c = code.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            for (Preset p : values()) if (p.name().equals(c)) return Optional.of(p);
            return Optional.empty();
        }

        /** @param lab CIELAB, changed in place */
        void apply(double[] lab) {
            double l = lab[0];
            switch (this) {
                case TEAL_ORANGE -> {
                    double shadow = Math.max(0, 1 - l / 50), light = Math.max(0, (l - 50) / 50);
                    lab[1] += -7 * shadow + 5 * light;
                    lab[2] += -9 * shadow + 9 * light;
                }
                case WARM_NOIR -> {
                    lab[1] = lab[1] * 0.4 + 2;
                    lab[2] = lab[2] * 0.4 + 7;
                    lab[0] = 50 + (l - 50) * 1.15;
                }
                case COOL_DOCUMENTARY -> {
                    lab[1] = lab[1] * 0.85 - 1.5;
                    lab[2] = lab[2] * 0.85 - 5;
                }
                case BLEACH_BYPASS -> {
                    lab[1] *= 0.5;
                    lab[2] *= 0.5;
                    lab[0] = 50 + (l - 50) * 1.25;
                }
            }
            lab[0] = Math.clamp(lab[0], 0, 100);
        }
    }

    /**
     * Applies the grade to one colour.
     *
     * @param rgb sRGB 0..1 in, graded sRGB out (clamped to 0..1), in place
     */
    public void apply(double[] rgb) {
        if (exposureStops != 0) {
            double gain = Math.pow(2, exposureStops);
            for (int c = 0; c < 3; c++) rgb[c] = Cielab.encoded(Cielab.linear(rgb[c]) * gain);
            clamp(rgb);
        }
        if (contrast > 0) {
            double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
            double s = y * y * (3 - 2 * y);
            double fade = y < 0.75 ? 1 : Math.max(0, (1 - y) / 0.25);
            double y2 = y + contrast * fade * (s - y);
            if (y > 1e-6) for (int c = 0; c < 3; c++) rgb[c] *= y2 / y;
            clamp(rgb);
        }
        double skin = 0;
        double[] before = null;
        if (skinProtection > 0 && (preset.isPresent() || lut.isPresent())) {
            before = rgb.clone();
            Cielab.toLab(before);
            skin = skinProtection * skinness(before);
        }
        harmonise.ifPresent(h -> {
            h.apply(rgb);
            clamp(rgb);
        });
        if (preset.isPresent()) {
            Cielab.toLab(rgb);
            preset.get().apply(rgb);
            Cielab.fromLab(rgb);
            clamp(rgb);
        }
        lut.ifPresent(t -> {
            t.apply(rgb);
            clamp(rgb);
        });
        if (skin > 0) { // undo that share of the look's hue change, keeping the look's lightness and chroma
            double[] after = rgb.clone();
            Cielab.toLab(after);
            double c1 = Math.hypot(after[1], after[2]);
            double h0 = Math.atan2(before[2], before[1]), h1 = Math.atan2(after[2], after[1]);
            double dh = Math.IEEEremainder(h0 - h1, 2 * Math.PI);
            double h = h1 + skin * dh;
            after[1] = c1 * Math.cos(h);
            after[2] = c1 * Math.sin(h);
            Cielab.fromLab(after);
            System.arraycopy(after, 0, rgb, 0, 3);
            clamp(rgb);
        }
    }

    /** @return 0..1: how much a CIELAB colour is a skin tone */
    static double skinness(double[] lab) {
        double chroma = Math.hypot(lab[1], lab[2]);
        if (chroma < 4 || chroma > 70 || lab[0] < 15 || lab[0] > 95) return 0;
        double hue = Math.toDegrees(Math.atan2(lab[2], lab[1]));
        double d = (hue - 55) / 18;
        double c = chroma < 8 ? (chroma - 4) / 4 : chroma > 60 ? (70 - chroma) / 10 : 1;
        return Math.exp(-0.5 * d * d) * c;
    }

    private static void clamp(double[] rgb) {
        for (int c = 0; c < 3; c++) rgb[c] = rgb[c] < 0 ? 0 : rgb[c] > 1 ? 1 : rgb[c];
    }

    /**
     * @param size lattice points per axis; 33 is the usual grading size
     * @return the grade as one 3D LUT over [0, 1]
     */
    public CubeLut compile(int size) {
        return ((ColourMatch.Transform) this::apply).toLut(size);
    }
}
