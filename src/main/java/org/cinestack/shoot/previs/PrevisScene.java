package org.cinestack.shoot.previs;

import java.util.List;

import org.cinestack.film.LightSetup;
import org.cinestack.film.TimeOfDay;
import org.cinestack.film.Weather;
import org.cinestack.plan.Colors;
import org.cinestack.plan.Environment;
import org.cinestack.plan.Figure;
import org.cinestack.plan.Lighting;
import org.cinestack.plan.ShotSpec;

/**
 * The set of a previs shot, built once from its spec: the light (key direction, colour and level, fill, rim,
 * ambient), the sky and fog, the ground, hills and walls, the figures and set pieces as upright cards with their
 * colours, their contact shadows, and the tables (fog, tone, hills) the rasteriser ({@link PrevisRenderer}) reads per
 * pixel. Nothing here changes from frame to frame.
 */
abstract class PrevisScene {
    static final int FOG_LUT = 1024;
    static final float FOG_LUT_RANGE = 8f;
    static final int TONE_LUT = 4096;
    static final float TONE_RANGE = 2f;
    static final int HILLS = 2048;
    static final float SKY_DEPTH = 1e4f;
    static final float[] TABLE_X = {-0.8f, 0.8f, 0.8f, -0.8f}, TABLE_Y = {0.75f, 0.75f, 0.75f, 0.75f},
        TABLE_Z = {-0.55f, -0.55f, 0.45f, 0.45f}; // the prop's table top, metres
    static final float NEAR = 0.05f; // near clipping distance, metres
    static final float HILLS_MAX = 0.1f; // above this tangent of elevation no hill reaches

    final ShotSpec spec;
    final int w, h;
    final byte[] tone = new byte[TONE_LUT + 1];
    final float[] fog = new float[FOG_LUT + 1];
    final float[] hills = new float[HILLS];

    // scene constants
    final Environment env;
    final boolean night;
    final float lx, ly, lz, keyR, keyG, keyB, ambient, fillRatio, rim, bg, figureAmbient;
    final float[] zenith = new float[3], horizon = new float[3], fogColor = new float[3], ground = new float[3];
    final float visibility;
    final boolean interior, starry, overlay; // overlay: rain or snow drawn over the picture
    final float groundR, groundG, groundB, hillR, hillG, hillB, wallR, wallG, wallB;
    final float roomHalfWidth, roomFront, roomBack;
    final int groundSeed;
    final int shadows; // figures standing on the ground, whose contact shadows it shows
    final float[] shadowX, shadowZ, shadowK;
    final boolean sunVisible;
    final float ceiling;
    final List<SetPiece> pieces;
    final int cards; // figures + pieces
    final float[] cardX, cardZ, cardBase, cardW, cardH, cardNX, cardNZ, cardR, cardG, cardB;
    final Figure[] figure;
    final boolean hasProp;


    /** @param spec the shot */
    PrevisScene(ShotSpec spec) {
        this.spec = spec;
        this.w = spec.pictureWidth();
        this.h = spec.pictureHeight();
        env = spec.environment();
        TimeOfDay tod = env.timeOfDay();
        night = tod == TimeOfDay.NIGHT || tod == TimeOfDay.DUSK;
        Lighting li = spec.lighting();
        lx = (float) li.keyX();
        ly = (float) li.keyY();
        lz = (float) li.keyZ();
        double[] k = Colors.kelvinToLinearRgb(li.keyKelvin(), li.whiteBalanceKelvin());
        keyR = (float) (k[0] * li.keyIntensity());
        keyG = (float) (k[1] * li.keyIntensity());
        keyB = (float) (k[2] * li.keyIntensity());
        ambient = (float) li.ambient();
        fillRatio = (float) li.fillRatio();
        rim = (float) li.rim();
        bg = (float) li.backgroundBrightness();
        figureAmbient = ambient * (float) (0.25 + 0.75 * Math.min(1, li.fillRatio() / 0.35))
            * (li.setup().equals(LightSetup.SILHOUETTE.code()) ? 0.3f : 1f);
        sky(tod, env.weather());
        visibility = env.interior() ? 1e6f : switch (env.weather()) {
            case CLEAR -> 700f;
            case OVERCAST -> 260f;
            case FOG -> 24f;
            case RAIN -> 110f;
            case SNOW -> 70f;
            case STORM -> 75f;
        };
        sunVisible = !env.interior() && ly > -0.05 && env.weather() == Weather.CLEAR;
        switch (env.terrain()) {
            case "sand" -> set(ground, 0.50f, 0.41f, 0.27f);
            case "stone" -> set(ground, 0.20f, 0.19f, 0.18f);
            case "asphalt" -> set(ground, 0.07f, 0.07f, 0.075f);
            default -> set(ground, 0.09f, 0.17f, 0.05f);
        }
        if (env.weather() == Weather.RAIN || env.weather() == Weather.STORM) scale(ground, 0.7f);
        if (env.weather() == Weather.SNOW) set(ground, 0.75f, 0.77f, 0.8f);
        interior = env.interior();
        overlay = !interior && switch (env.weather()) {
            case RAIN, STORM, SNOW -> true;
            case CLEAR, OVERCAST, FOG -> false;
        };
        starry = tod == TimeOfDay.NIGHT && env.weather() == Weather.CLEAR;
        groundR = ground[0] * (keyR * 0.3f + 0.7f);
        groundG = ground[1] * (keyG * 0.3f + 0.7f);
        groundB = ground[2] * (keyB * 0.3f + 0.7f);
        float haze = Math.min(1, 0.55f + (env.weather() == Weather.CLEAR ? 0 : 0.3f));
        float land = ambient * 0.35f + 0.02f;
        hillR = (0.10f * land) * (1 - haze) + fogColor[0] * haze * 0.8f;
        hillG = (0.14f * land) * (1 - haze) + fogColor[1] * haze * 0.8f;
        hillB = (0.10f * land) * (1 - haze) + fogColor[2] * haze * 0.8f;
        int wall = env.palette().isEmpty() ? 0x6F7D7A : env.palette().get(0);
        wallR = lin((wall >> 16) & 255);
        wallG = lin((wall >> 8) & 255);
        wallB = lin(wall & 255);
        groundSeed = (int) (env.setSeed() ^ env.setSeed() >>> 32);
        roomHalfWidth = (float) env.roomHalfWidthM();
        roomFront = (float) env.roomFrontZM();
        roomBack = (float) env.roomBackZM();
        // ceiling above the highest camera position
        float top = 3.2f;
        for (int i = 0; i <= 8; i++) top = Math.max(top, (float) spec.path().sample(i / 8.0, 0).yM() + 0.6f);
        ceiling = top;
        for (int i = 0; i <= FOG_LUT; i++) fog[i] = (float) (1 - Math.exp(-i * FOG_LUT_RANGE / FOG_LUT));
        for (int i = 0; i <= TONE_LUT; i++) tone[i] = (byte) Math.round(255 * display(i * TONE_RANGE / TONE_LUT));
        java.util.SplittableRandom hr = new java.util.SplittableRandom(env.setSeed() ^ 0x5DEECE66DL);
        double[] amp = {0.035, 0.02, 0.012}, freq = {2, 5, 11}, phase = {hr.nextDouble(6.3), hr.nextDouble(6.3),
            hr.nextDouble(6.3)};
        for (int i = 0; i < HILLS; i++) {
            double a = 2 * Math.PI * i / HILLS, s = 0.03;
            for (int j = 0; j < 3; j++) s += amp[j] * Math.sin(freq[j] * a + phase[j]);
            hills[i] = (float) s;
        }

        pieces = SetPiece.layout(env);
        List<Figure> figs = spec.figures();
        figure = figs.toArray(new Figure[0]);
        hasProp = figs.stream().anyMatch(f -> f.kind() == Figure.Kind.PROP);
        List<Figure> standing = figs.stream().filter(f -> f.baseYM() <= 0).toList();
        shadows = standing.size();
        shadowX = new float[shadows];
        shadowZ = new float[shadows];
        shadowK = new float[shadows];
        for (int i = 0; i < shadows; i++) {
            Figure f = standing.get(i);
            shadowX[i] = (float) f.xM();
            shadowZ[i] = (float) f.zM();
            shadowK[i] = (float) (1 / (f.heightM() * f.heightM() * 0.05));
        }
        cards = figs.size() + pieces.size();
        cardX = new float[cards];
        cardZ = new float[cards];
        cardBase = new float[cards];
        cardW = new float[cards];
        cardH = new float[cards];
        cardNX = new float[cards];
        cardNZ = new float[cards];
        cardR = new float[cards];
        cardG = new float[cards];
        cardB = new float[cards];
        for (int i = 0; i < cards; i++) {
            if (i < figure.length) {
                Figure f = figure[i];
                cardX[i] = (float) f.xM();
                cardZ[i] = (float) f.zM();
                cardBase[i] = (float) f.baseYM();
                cardH[i] = (float) f.heightM();
                cardW[i] = (float) switch (f.kind()) {
                    case PERSON -> f.heightM() * 0.36;
                    case PROP -> 0.24;
                    case STRUCTURE -> 2.6;
                };
                rgb(f.mainRgb(), i);
            } else {
                SetPiece p = pieces.get(i - figure.length);
                cardX[i] = (float) p.xM();
                cardZ[i] = (float) p.zM();
                cardW[i] = (float) p.widthM();
                cardH[i] = (float) p.heightM();
                cardNX[i] = (float) p.normalX();
                cardNZ[i] = (float) p.normalZ();
                rgb(p.rgb(), i);
            }
        }
    }

    private void rgb(int rgb, int i) {
        cardR[i] = lin((rgb >> 16) & 255);
        cardG[i] = lin((rgb >> 8) & 255);
        cardB[i] = lin(rgb & 255);
    }

    /** 8-bit code value to linear light (gamma 2.2), tabulated: shading looks colours up per pixel. */
    static final float[] LINEAR = new float[256];

    static {
        for (int c = 0; c < 256; c++) LINEAR[c] = (float) Math.pow(c / 255.0, 2.2);
    }

    /** Sky gradient from horizon (0) to zenith (1): the square root of the sine of elevation, over 0..1. */
    static final float[] SKY_GRADIENT = new float[4097];

    static {
        for (int i = 0; i < SKY_GRADIENT.length; i++) SKY_GRADIENT[i] = (float) Math.sqrt(i / 4096.0);
    }

    /** Contact shadow darkening 0.55 exp(-d2) at d2 = 0 .. 4 (squared distance over the figure's scale). */
    static final float[] CONTACT_SHADOW = new float[256];

    static {
        for (int i = 0; i < CONTACT_SHADOW.length; i++) {
            CONTACT_SHADOW[i] = (float) (0.55 * Math.exp(-(i + 0.5) * 4.0 / CONTACT_SHADOW.length));
        }
    }

    static float lin(int c) {
        return LINEAR[c];
    }

    static void set(float[] a, float x, float y, float zz) {
        a[0] = x;
        a[1] = y;
        a[2] = zz;
    }

    static void scale(float[] a, float s) {
        for (int i = 0; i < a.length; i++) a[i] *= s;
    }

    private void sky(TimeOfDay tod, Weather weather) {
        switch (tod) {
            case DAY -> { set(zenith, 0.16f, 0.33f, 0.72f); set(horizon, 0.60f, 0.72f, 0.86f); }
            case GOLDEN_HOUR -> { set(zenith, 0.22f, 0.30f, 0.55f); set(horizon, 1.0f, 0.60f, 0.30f); }
            case DAWN -> { set(zenith, 0.20f, 0.28f, 0.50f); set(horizon, 0.92f, 0.68f, 0.58f); }
            case DUSK -> { set(zenith, 0.04f, 0.07f, 0.20f); set(horizon, 0.50f, 0.30f, 0.30f); }
            case NIGHT -> { set(zenith, 0.003f, 0.005f, 0.016f); set(horizon, 0.02f, 0.03f, 0.06f); }
        }
        if (weather != Weather.CLEAR) {
            float lum = 0.3f * horizon[0] + 0.6f * horizon[1] + 0.1f * horizon[2];
            float grey = weather == Weather.STORM ? 0.45f : weather == Weather.SNOW ? 1.1f : 0.85f;
            for (int i = 0; i < 3; i++) {
                float target = lum * grey * (i == 2 ? 1.05f : 1f);
                horizon[i] = 0.15f * horizon[i] + 0.85f * target;
                zenith[i] = 0.2f * zenith[i] + 0.8f * target * 0.8f;
            }
        }
        System.arraycopy(horizon, 0, fogColor, 0, 3);
    }

    /** Display transform: a soft shoulder above 0.8, then the Rec.709 OETF (ITU-R BT.709-6, 1.2). */
    static double display(double x) {
        double s = x < 0.8 ? x : 0.8 + 0.2 * (1 - Math.exp(-(x - 0.8) / 0.2));
        s = Math.min(1, Math.max(0, s));
        return s < 0.018 ? 4.5 * s : 1.099 * Math.pow(s, 0.45) - 0.099;
    }
}
