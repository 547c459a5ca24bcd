package org.cinestack.shoot.previs;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.cinestack.film.LightSetup;
import org.cinestack.film.TimeOfDay;
import org.cinestack.film.Weather;
import org.cinestack.plan.CameraPose;
import org.cinestack.plan.Colors;
import org.cinestack.plan.Environment;
import org.cinestack.plan.Figure;
import org.cinestack.plan.Lighting;
import org.cinestack.plan.Optics;
import org.cinestack.plan.ShotSpec;

/**
 * The previs renderer: a deterministic 2.5D ray caster. Each pixel's ray, through a pinhole camera with the shot's
 * focal length on a Super 35 sensor, meets the set's layers at their real depths: figures (upright cards that face the
 * camera, shaded as mannequins), scenery cards, the ground plane or the room's walls, distant hills and the sky at
 * infinity. So camera translation gives parallax and focal length gives real perspective compression.
 *
 * <p>After the raster pass: thin-lens depth of field ({@link Optics#circleOfConfusionMm}) by blending a box-filtered
 * mip pyramid at each pixel's blur radius; rain, snow and lightning; a filmic display transform to Rec.709 8-bit.
 * All randomness is seeded from the spec, so the same spec gives the same bytes.
 *
 * <p>Not thread-safe: one renderer renders one frame at a time, splitting its rows across the given pool.
 */
public final class PrevisRenderer {
    private static final int FOG_LUT = 1024;
    private static final float FOG_LUT_RANGE = 8f;
    private static final int TONE_LUT = 4096;
    private static final float TONE_RANGE = 2f;
    private static final int HILLS = 2048;
    private static final int LEVELS = 6;
    private static final float SKY_DEPTH = 1e4f;

    private final ShotSpec spec;
    private final int w, h;
    private final ForkJoinPool pool;
    private final float[] r, g, b, z;
    private final float[][] mr = new float[LEVELS][], mg = new float[LEVELS][], mb = new float[LEVELS][];
    private final int[] mw = new int[LEVELS], mh = new int[LEVELS];
    private final byte[] tone = new byte[TONE_LUT + 1];
    private final float[] fog = new float[FOG_LUT + 1];
    private final float[] hills = new float[HILLS];

    // scene constants
    private final Environment env;
    private final boolean night;
    private final float lx, ly, lz, keyR, keyG, keyB, ambient, fillRatio, rim, bg, figureAmbient;
    private final float[] zenith = new float[3], horizon = new float[3], fogColor = new float[3], ground = new float[3];
    private final float visibility;
    private final boolean sunVisible;
    private final float ceiling;
    private final List<SetPiece> pieces;
    private final int cards; // figures + pieces
    private final float[] cardX, cardZ, cardBase, cardW, cardH, cardNX, cardNZ, cardR, cardG, cardB;
    private final Figure[] figure;
    private final boolean hasProp;

    // per-frame state, read by the stripe workers
    private float cx, cy, cz, fx, fy, fz, rx, ry, rz, ux, uy, uz, fpx;
    private final float[] cardRX, cardRZ, cardNXf, cardNZf;
    private final int[] bx0, by0, bx1, by1;
    private float flash;

    /**
     * @param spec the shot
     * @param pool threads to split each frame's rows over
     */
    public PrevisRenderer(ShotSpec spec, ForkJoinPool pool) {
        this.spec = spec;
        this.w = spec.pictureWidth();
        this.h = spec.pictureHeight();
        this.pool = pool;
        int n = w * h;
        r = new float[n];
        g = new float[n];
        b = new float[n];
        z = new float[n];
        int lw = w, lh = h;
        for (int i = 0; i < LEVELS; i++) {
            mw[i] = lw;
            mh[i] = lh;
            if (i > 0) {
                mr[i] = new float[lw * lh];
                mg[i] = new float[lw * lh];
                mb[i] = new float[lw * lh];
            }
            lw = (lw + 1) / 2;
            lh = (lh + 1) / 2;
        }
        mr[0] = r;
        mg[0] = g;
        mb[0] = b;
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
        cardRX = new float[cards];
        cardRZ = new float[cards];
        cardNXf = new float[cards];
        cardNZf = new float[cards];
        bx0 = new int[cards];
        by0 = new int[cards];
        bx1 = new int[cards];
        by1 = new int[cards];
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
    private static final float[] LINEAR = new float[256];

    static {
        for (int c = 0; c < 256; c++) LINEAR[c] = (float) Math.pow(c / 255.0, 2.2);
    }

    private static float lin(int c) {
        return LINEAR[c];
    }

    private static void set(float[] a, float x, float y, float zz) {
        a[0] = x;
        a[1] = y;
        a[2] = zz;
    }

    private static void scale(float[] a, float s) {
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

    /** @return the number of frames of the shot */
    public int frameCount() {
        return spec.frameCount();
    }

    /**
     * Renders one frame.
     *
     * @param index frame number, 0 .. frameCount-1
     * @param out   where to write; must be {@code pictureWidth x pictureHeight}
     */
    public void render(int index, PrevisFrame out) {
        if (out.width != w || out.height != h) throw new IllegalArgumentException("frame size mismatch");
        int frames = spec.frameCount();
        double u = frames <= 1 ? 0 : (double) index / (frames - 1);
        double t = (double) index / spec.fps();
        CameraPose p = spec.path().sample(u, t);
        setCamera(p);
        flash = 1f;
        if (env.weather() == Weather.STORM && !env.interior()) {
            long bucket = (long) Math.floor(t * 8);
            double v = hash01(spec.seed() * 31 + bucket, 77);
            if (v < 0.05) flash = 2.2f;
        }
        int stripes = Math.max(1, Math.min(h, pool.getParallelism() * 8));
        run(stripes, s -> raster(s * h / stripes, (s + 1) * h / stripes, out.mask));
        depthOfField(p, stripes);
        weather(t);
        run(stripes, s -> output(s * h / stripes, (s + 1) * h / stripes, out));
        boxes(out);
    }

    private void run(int stripes, java.util.function.IntConsumer task) {
        if (pool.getParallelism() <= 1) {
            for (int s = 0; s < stripes; s++) task.accept(s);
        } else {
            pool.submit(() -> IntStream.range(0, stripes).parallel().forEach(task)).join();
        }
    }

    private void setCamera(CameraPose p) {
        double yaw = Math.toRadians(p.panDegrees()), pitch = Math.toRadians(p.tiltDegrees());
        double roll = Math.toRadians(p.rollDegrees());
        double fX = Math.sin(yaw) * Math.cos(pitch), fY = Math.sin(pitch), fZ = Math.cos(yaw) * Math.cos(pitch);
        double r0x = Math.cos(yaw), r0z = -Math.sin(yaw);
        // up0 = forward x right0
        double u0x = fY * r0z, u0y = fZ * r0x - fX * r0z, u0z = -fY * r0x;
        double cr = Math.cos(roll), sr = Math.sin(roll);
        cx = (float) p.xM();
        cy = (float) p.yM();
        cz = (float) p.zM();
        fx = (float) fX;
        fy = (float) fY;
        fz = (float) fZ;
        rx = (float) (r0x * cr - u0x * sr);
        ry = (float) (-u0y * sr);
        rz = (float) (r0z * cr - u0z * sr);
        ux = (float) (u0x * cr + r0x * sr);
        uy = (float) (u0y * cr);
        uz = (float) (u0z * cr + r0z * sr);
        fpx = (float) (p.focalLengthMm() / spec.sensorWidthMm() * w);
        for (int i = 0; i < cards; i++) {
            float nx, nz;
            if (i < figure.length) { // figures turn to face the camera
                float dx = cx - cardX[i], dz = cz - cardZ[i];
                float len = (float) Math.sqrt(dx * dx + dz * dz);
                nx = len < 1e-4f ? 0 : dx / len;
                nz = len < 1e-4f ? -1 : dz / len;
            } else {
                nx = cardNX[i];
                nz = cardNZ[i];
            }
            cardNXf[i] = nx;
            cardNZf[i] = nz;
            cardRX[i] = -nz; // right = normal x up
            cardRZ[i] = nx;
            bbox(i);
        }
    }

    /** Screen bounding box of card i, conservative; the whole screen when a corner is behind the lens. */
    private void bbox(int i) {
        float half = cardW[i] * 0.5f;
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
        for (int c = 0; c < 4; c++) {
            float uu = (c & 1) == 0 ? -half : half;
            float vv = (c & 2) == 0 ? 0 : cardH[i] * 1.02f;
            float px = cardX[i] + cardRX[i] * uu - cx, py = cardBase[i] + vv - cy, pz = cardZ[i] + cardRZ[i] * uu - cz;
            float depth = px * fx + py * fy + pz * fz;
            if (depth < 0.05f) {
                bx0[i] = 0;
                by0[i] = 0;
                bx1[i] = w - 1;
                by1[i] = h - 1;
                return;
            }
            float sx = (px * rx + py * ry + pz * rz) / depth * fpx + w * 0.5f;
            float sy = h * 0.5f - (px * ux + py * uy + pz * uz) / depth * fpx;
            x0 = Math.min(x0, (int) Math.floor(sx) - 1);
            x1 = Math.max(x1, (int) Math.ceil(sx) + 1);
            y0 = Math.min(y0, (int) Math.floor(sy) - 1);
            y1 = Math.max(y1, (int) Math.ceil(sy) + 1);
        }
        bx0[i] = Math.max(0, x0);
        by0[i] = Math.max(0, y0);
        bx1[i] = Math.min(w - 1, x1);
        by1[i] = Math.min(h - 1, y1);
    }

    // ---- raster ----------------------------------------------------------------------------------------------------

    private void raster(int row0, int row1, byte[] mask) {
        float[] c = new float[3];
        float inv = 1f / fpx;
        for (int py = row0; py < row1; py++) {
            float sy = (h * 0.5f - py - 0.5f) * inv;
            for (int px = 0; px < w; px++) {
                float sx = (px + 0.5f - w * 0.5f) * inv;
                float dx = fx + rx * sx + ux * sy, dy = fy + ry * sx + uy * sy, dz = fz + rz * sx + uz * sy;
                int idx = py * w + px;
                float t = environment(dx, dy, dz, px, py, c);
                byte id = 0;
                for (int i = 0; i < cards; i++) {
                    if (px < bx0[i] || px > bx1[i] || py < by0[i] || py > by1[i]) continue;
                    float nx = cardNXf[i], nz = cardNZf[i];
                    float denom = dx * nx + dz * nz;
                    if (denom > -1e-6f) continue;
                    float tt = ((cardX[i] - cx) * nx + (cardZ[i] - cz) * nz) / denom;
                    if (tt <= 0.02f || tt >= t) continue;
                    float qx = cx + tt * dx - cardX[i], qz = cz + tt * dz - cardZ[i];
                    float uu = qx * cardRX[i] + qz * cardRZ[i];
                    float vv = cy + tt * dy - cardBase[i];
                    byte hit = i < figure.length ? shadeFigure(i, uu, vv, c) : shadePiece(i, uu, vv, c);
                    if (hit != 0) {
                        t = tt;
                        id = i == 0 ? hit : i < figure.length ? PrevisFrame.OTHER : 0;
                    }
                }
                if (!env.interior() && t < SKY_DEPTH) {
                    float a = fogAt(t);
                    c[0] += (fogColor[0] * 0.9f - c[0]) * a;
                    c[1] += (fogColor[1] * 0.9f - c[1]) * a;
                    c[2] += (fogColor[2] * 0.9f - c[2]) * a;
                }
                r[idx] = c[0] * flash;
                g[idx] = c[1] * flash;
                b[idx] = c[2] * flash;
                z[idx] = t;
                mask[idx] = id;
            }
        }
    }

    private float fogAt(float t) {
        float x = t / visibility;
        if (x >= FOG_LUT_RANGE) return fog[FOG_LUT];
        return fog[(int) (x * (FOG_LUT / FOG_LUT_RANGE))];
    }

    /** Room, ground, hills or sky along the ray; writes the colour, returns the depth along the lens axis. */
    private float environment(float dx, float dy, float dz, int px, int py, float[] c) {
        float best = SKY_DEPTH;
        if (hasProp) { // the prop's table
            if (dy < 0 && cy > 0.75f || dy > 0 && cy < 0.75f) {
                float t = (0.75f - cy) / dy;
                float x = cx + t * dx, zz = cz + t * dz;
                if (t > 0 && x > -0.8f && x < 0.8f && zz > -0.55f && zz < 0.45f) {
                    float plank = 0.85f + 0.2f * hash01((long) Math.floor(x / 0.15f), 3);
                    float lit = (ambient + Math.max(0, ly) * keyR) * plank;
                    c[0] = 0.24f * lit * bg;
                    c[1] = 0.13f * lit * bg;
                    c[2] = 0.07f * lit * bg;
                    best = t;
                }
            }
        }
        if (env.interior()) {
            if (best < SKY_DEPTH) return best;
            return room(dx, dy, dz, c);
        }
        if (dy < 0 && cy > 0) {
            float t = -cy / dy;
            if (t < best) {
                groundColor(cx + t * dx, cz + t * dz, t, dy, c);
                return t;
            }
            return best;
        }
        if (best < SKY_DEPTH) return best;
        skyColor(dx, dy, dz, c);
        return SKY_DEPTH;
    }

    private void groundColor(float x0, float z0, float t, float dy, float[] c) {
        // the texture grid is turned 30 degrees so its lines never run along the line of action
        float x = x0 * 0.8660254f + z0 * 0.5f, zz = z0 * 0.8660254f - x0 * 0.5f;
        float footprint = t / fpx / Math.max(0.05f, -dy / (float) Math.sqrt(1 + dy * dy));
        float detail = Math.max(0, 1 - footprint * 2.5f);
        float coarse = Math.max(0, 1 - footprint * 0.4f);
        long ix = (long) Math.floor(x * 0.5f), iz = (long) Math.floor(zz * 0.5f);
        float v = 1 + coarse * 0.28f * (hash01(ix * 73856093L ^ iz * 19349663L, env.setSeed()) - 0.5f);
        long jx = (long) Math.floor(x * 2f), jz = (long) Math.floor(zz * 2f);
        v += detail * 0.16f * (hash01(jx * 83492791L ^ jz * 2971215073L, 11) - 0.5f);
        float lit = (ambient + Math.max(0, ly) * 0.9f) * v * bg;
        float shade = 1;
        for (Figure f : figure) { // soft contact shadow under each figure
            if (f.baseYM() > 0) continue;
            float ddx = x0 - (float) f.xM(), ddz = z0 - (float) f.zM();
            float d2 = (ddx * ddx + ddz * ddz) / (float) (f.heightM() * f.heightM() * 0.05);
            if (d2 < 4) shade -= 0.55f * (float) Math.exp(-d2);
        }
        c[0] = ground[0] * lit * shade * (keyR * 0.3f + 0.7f);
        c[1] = ground[1] * lit * shade * (keyG * 0.3f + 0.7f);
        c[2] = ground[2] * lit * shade * (keyB * 0.3f + 0.7f);
    }

    private void skyColor(float dx, float dy, float dz, float[] c) {
        float horiz = (float) Math.sqrt(dx * dx + dz * dz);
        float len = (float) Math.sqrt(horiz * horiz + dy * dy);
        float tanEl = dy / Math.max(1e-6f, horiz);
        float az = atan2(dx, dz);
        int hi = (int) ((az / (2 * Math.PI) + 1) * HILLS) & (HILLS - 1);
        if (tanEl < hills[hi]) {
            float haze = Math.min(1, 0.55f + (env.weather() == Weather.CLEAR ? 0 : 0.3f));
            float land = ambient * 0.35f + 0.02f;
            c[0] = (0.10f * land) * (1 - haze) + fogColor[0] * haze * 0.8f;
            c[1] = (0.14f * land) * (1 - haze) + fogColor[1] * haze * 0.8f;
            c[2] = (0.10f * land) * (1 - haze) + fogColor[2] * haze * 0.8f;
            return;
        }
        float e = Math.max(0, dy / len);
        float m = (float) Math.sqrt(e);
        c[0] = horizon[0] + (zenith[0] - horizon[0]) * m;
        c[1] = horizon[1] + (zenith[1] - horizon[1]) * m;
        c[2] = horizon[2] + (zenith[2] - horizon[2]) * m;
        if (sunVisible) {
            float cos = (dx * lx + dy * ly + dz * lz) / len;
            if (cos > 0.9) {
                float glow = (float) Math.pow((cos - 0.9f) / 0.1f, 8) * (night ? 0.25f : 0.9f);
                if (cos > 0.99985f) glow += night ? 0.9f : 3f;
                c[0] += glow * keyR;
                c[1] += glow * keyG;
                c[2] += glow * keyB;
            }
        }
        if (env.timeOfDay() == TimeOfDay.NIGHT && e > 0.05f && env.weather() == Weather.CLEAR) {
            long sx = (long) Math.floor(dx / len * 700), sy2 = (long) Math.floor(dy / len * 700);
            long sz = (long) Math.floor(dz / len * 700);
            if (hash01(sx * 73856093L ^ sy2 * 19349663L ^ sz * 83492791L, 5) > 0.9985f) {
                c[0] += 0.5f;
                c[1] += 0.5f;
                c[2] += 0.55f;
            }
        }
    }

    private float room(float dx, float dy, float dz, float[] c) {
        float hw = (float) env.roomHalfWidthM();
        float tX = dx > 0 ? (hw - cx) / dx : dx < 0 ? (-hw - cx) / dx : Float.MAX_VALUE;
        float tY = dy > 0 ? (ceiling - cy) / dy : dy < 0 ? -cy / dy : Float.MAX_VALUE;
        float front = (float) env.roomFrontZM(), back = (float) env.roomBackZM();
        float tZ = dz > 0 ? (front - cz) / dz : dz < 0 ? (back - cz) / dz : Float.MAX_VALUE;
        float t = Math.min(tX, Math.min(tY, tZ));
        float x = cx + t * dx, y = cy + t * dy, zz = cz + t * dz;
        float footprint = t / fpx;
        float aa = Math.max(0, 1 - footprint * 8);
        float ar, ag, ab, nx = 0, ny = 0, nz = 0;
        int wall = env.palette().isEmpty() ? 0x6F7D7A : env.palette().get(0);
        float wr = lin((wall >> 16) & 255), wg = lin((wall >> 8) & 255), wb = lin(wall & 255);
        if (t == tY) {
            if (dy < 0) { // floor: planks
                long plank = (long) Math.floor(x / 0.2f);
                float offset = hash01(plank, 9) * 1.3f;
                long seg = (long) Math.floor((zz + offset) / 1.3f);
                float v = 0.8f + 0.35f * hash01(plank * 131 + seg, 13);
                float fr = x / 0.2f - plank;
                if (fr < 0.05f) v *= 1 - 0.5f * aa;
                ar = 0.22f * v;
                ag = 0.13f * v;
                ab = 0.07f * v;
                ny = 1;
            } else {
                ar = ag = ab = 0.5f;
                ny = -1;
            }
        } else {
            float along = t == tX ? zz : x;
            if (t == tX) nx = dx > 0 ? -1 : 1;
            else nz = dz > 0 ? -1 : 1;
            float stripe = ((along / 0.3f) - (float) Math.floor(along / 0.3f)) < 0.5f ? 1 + 0.1f * aa : 1 - 0.1f * aa;
            ar = wr * stripe;
            ag = wg * stripe;
            ab = wb * stripe;
            if (y < 0.9f) {
                ar = wr * 0.55f;
                ag = wg * 0.55f;
                ab = wb * 0.55f;
            } else if (y < 0.95f) {
                ar = ag = ab = 0.45f;
            }
            if (t == tZ && dz > 0) { // the wall behind the subject: a window and a door
                if (x > -2.3f && x < -0.9f && y > 1.0f && y < 2.3f) {
                    boolean bar = Math.abs(x + 1.6f) < 0.03f || Math.abs(y - 1.65f) < 0.03f;
                    float s = bar ? 0.05f : night ? 0.4f : 1.6f;
                    c[0] = horizon[0] * s;
                    c[1] = horizon[1] * s;
                    c[2] = horizon[2] * s;
                    return t;
                }
                if (x > 1.3f && x < 2.3f && y < 2.1f) {
                    ar = 0.12f;
                    ag = 0.07f;
                    ab = 0.04f;
                }
            }
        }
        float diff = Math.max(0, nx * lx + ny * ly + nz * lz) * 0.6f + 0.25f;
        float lit = (ambient + diff * 0.9f) * bg;
        c[0] = ar * lit * keyR;
        c[1] = ag * lit * keyG;
        c[2] = ab * lit * keyB;
        return t;
    }

    private byte shadePiece(int i, float u, float v, float[] c) {
        SetPiece p = pieces.get(i - figure.length);
        float s = p.shade(u, v, night);
        if (s == 0) return 0;
        float lit = p.emissive() || s > 1.5f ? s : (ambient + Math.max(0, cardNXf[i] * lx + cardNZf[i] * lz) * 0.8f
            + 0.15f) * Math.abs(s) * bg;
        if (s < 0) { // bark
            c[0] = 0.08f * lit;
            c[1] = 0.05f * lit;
            c[2] = 0.03f * lit;
        } else if (p.emissive() || s > 1.5f) {
            c[0] = 1.0f * s * 0.5f;
            c[1] = 0.8f * s * 0.5f;
            c[2] = 0.5f * s * 0.5f;
        } else {
            c[0] = cardR[i] * lit * (0.7f + 0.3f * keyR);
            c[1] = cardG[i] * lit * (0.7f + 0.3f * keyG);
            c[2] = cardB[i] * lit * (0.7f + 0.3f * keyB);
        }
        return 1;
    }

    /** Mannequin, prop or structure; card coordinates u (right), v (up), metres. */
    private byte shadeFigure(int i, float u, float v, float[] c) {
        Figure f = figure[i];
        float hgt = (float) f.heightM();
        float nu, nv, nw; // normal in card space (right, up, towards camera)
        float ar, ag, ab;
        byte part = PrevisFrame.SUBJECT;
        switch (f.kind()) {
            case PROP -> {
                float hw = 0.11f;
                if (Math.abs(u) > hw || v < 0 || v > hgt) return 0;
                float edge = Math.max(Math.abs(u) / hw, Math.abs(v - hgt / 2) / (hgt / 2));
                nu = edge > 0.85f ? Math.signum(u) * (edge - 0.85f) * 4 : 0;
                nv = 0;
                nw = (float) Math.sqrt(Math.max(0.1f, 1 - nu * nu));
                boolean label = Math.abs(v - hgt * 0.55f) < hgt * 0.12f;
                int rgb = label ? 0xE8E0C8 : f.mainRgb();
                ar = lin((rgb >> 16) & 255);
                ag = lin((rgb >> 8) & 255);
                ab = lin(rgb & 255);
            }
            case STRUCTURE -> {
                float vv = v / hgt;
                if (vv < 0 || vv > 1) return 0;
                float half = vv < 0.8f ? 1.25f - 0.45f * vv / 0.8f : vv < 0.84f ? 1.0f : vv < 0.97f ? 0.6f
                    : 0.6f * (1 - (vv - 0.97f) / 0.03f);
                if (Math.abs(u) > half) return 0;
                nu = u / half;
                nv = 0;
                nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
                if (vv > 0.84f && vv < 0.95f && night) { // lit lantern
                    c[0] = 2.4f;
                    c[1] = 2.0f;
                    c[2] = 1.2f;
                    return part;
                }
                boolean band = vv < 0.8f && ((int) (vv * 10)) % 2 == 1;
                int rgb = band ? f.secondRgb() : f.mainRgb();
                ar = lin((rgb >> 16) & 255);
                ag = lin((rgb >> 8) & 255);
                ab = lin(rgb & 255);
            }
            default -> {
                float uu = u / hgt, vv = v / hgt;
                int rgb;
                float hx = uu / 0.048f, hy = (vv - 0.935f) / 0.065f;
                float he = hx * hx + hy * hy;
                if (he <= 1) { // head
                    part = PrevisFrame.HEAD;
                    nu = hx;
                    nv = hy;
                    nw = (float) Math.sqrt(1 - he);
                    boolean hair = hy > 0.42f - 0.2f * Math.abs(hx) || (Math.abs(hx) > 0.88f && hy > -0.1f);
                    rgb = hair ? f.hairRgb() : f.skinRgb();
                    float ex = Math.abs(uu) - 0.018f, ey = vv - 0.947f;
                    if (!hair && ex * ex + ey * ey < 0.0065f * 0.0065f) rgb = 0x1A1410;
                    if (!hair && Math.abs(uu) < 0.014f && Math.abs(vv - 0.903f) < 0.0028f) rgb = 0x6A2E2A;
                } else if (vv > 0.85f && vv < 0.89f && Math.abs(uu) < 0.022f) { // neck
                    nu = uu / 0.022f;
                    nv = 0;
                    nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
                    rgb = f.skinRgb();
                } else if (vv >= 0.5f && vv <= 0.86f) {
                    float hw = 0.095f + 0.023f * Math.min(1, (vv - 0.5f) / 0.3f);
                    if (vv > 0.80f) hw *= (float) Math.sqrt(Math.max(0, 1 - ((vv - 0.80f) / 0.06f) * ((vv - 0.80f)
                        / 0.06f)));
                    float armCenter = 0.128f + (0.81f - vv) * 0.03f;
                    float armDist = Math.abs(Math.abs(uu) - armCenter);
                    if (Math.abs(uu) < hw) {
                        nu = uu / hw;
                        nv = vv > 0.80f ? (vv - 0.80f) / 0.06f : 0;
                        nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu - nv * nv));
                        rgb = f.mainRgb();
                    } else if (vv < 0.81f && armDist < 0.022f) {
                        nu = (Math.abs(uu) - armCenter) / 0.022f * Math.signum(uu);
                        nv = 0;
                        nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
                        rgb = f.mainRgb();
                    } else {
                        return 0;
                    }
                } else if (vv >= 0.43f && vv < 0.5f) { // hands and hips
                    float armCenter = 0.128f + (0.81f - vv) * 0.03f;
                    if (Math.abs(uu) < 0.095f) {
                        nu = uu / 0.095f;
                        rgb = f.secondRgb();
                    } else if (Math.abs(Math.abs(uu) - armCenter) < 0.018f) {
                        nu = (Math.abs(uu) - armCenter) / 0.018f * Math.signum(uu);
                        rgb = f.skinRgb();
                    } else {
                        return 0;
                    }
                    nv = 0;
                    nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
                } else if (vv >= 0 && vv < 0.43f) { // legs
                    float half = 0.032f + 0.01f * vv / 0.43f;
                    float leg = Math.abs(Math.abs(uu) - 0.046f);
                    if (leg > half) return 0;
                    nu = (Math.abs(uu) - 0.046f) / half * Math.signum(uu);
                    nv = 0;
                    nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
                    rgb = vv < 0.025f ? 0x1A1614 : f.secondRgb();
                } else {
                    return 0;
                }
                ar = lin((rgb >> 16) & 255);
                ag = lin((rgb >> 8) & 255);
                ab = lin(rgb & 255);
            }
        }
        // card space to world: right (cardRX, 0, cardRZ), up (0,1,0), towards camera (cardNX, 0, cardNZ)
        float wx = nu * cardRX[i] + nw * cardNXf[i], wy = nv, wz = nu * cardRZ[i] + nw * cardNZf[i];
        float lambert = Math.max(0, wx * lx + wy * ly + wz * lz);
        float fill = fillRatio * Math.max(0, nw) * 0.8f;
        float edge = 1 - Math.max(0, nw);
        float rimTerm = rim * edge * edge * edge * Math.max(0, -(cardNXf[i] * lx + cardNZf[i] * lz) + 0.3f);
        float kr = lambert * keyR + fill * keyR + rimTerm * keyR * 1.2f;
        float kg = lambert * keyG + fill * keyG + rimTerm * keyG * 1.2f;
        float kb = lambert * keyB + fill * keyB + rimTerm * keyB * 1.2f;
        c[0] = ar * (figureAmbient + kr);
        c[1] = ag * (figureAmbient + kg);
        c[2] = ab * (figureAmbient + kb);
        return part;
    }

    // ---- depth of field --------------------------------------------------------------------------------------------

    private void depthOfField(CameraPose p, int stripes) {
        double f = p.focalLengthMm(), n = spec.aperture();
        double sf = Math.max(p.focusDistanceM() * 1000, f * 1.01);
        // c(s) = A |1 - sf/s| with A = (f/N) f / (sf - f); radius in pixels = c / sensorWidth * w / 2
        float a = (float) ((f / n) * f / (sf - f) / spec.sensorWidthMm() * w * 0.5);
        float sfm = (float) (sf / 1000);
        if (a * 1.0f < 0.35f) return; // nothing anywhere blurs by more than a third of a pixel
        for (int l = 1; l < LEVELS; l++) downsample(l);
        run(stripes, s -> {
            int row0 = s * h / stripes, row1 = (s + 1) * h / stripes;
            for (int y = row0; y < row1; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    float radius = a * Math.abs(1 - sfm / z[i]);
                    if (radius < 0.5f) {
                        blurR[i] = r[i];
                        blurG[i] = g[i];
                        blurB[i] = b[i];
                        continue;
                    }
                    float lod = Math.min(LEVELS - 1, log2(2 * radius));
                    int l0 = (int) lod;
                    float fr = lod - l0;
                    int l1 = Math.min(LEVELS - 1, l0 + 1);
                    // bilinear samples of the two nearest levels, blended: a trilinear lookup
                    if (l0 == l1) {
                        sample(l1, x, y, i, 1, false);
                    } else {
                        sample(l1, x, y, i, fr, false);
                        sample(l0, x, y, i, 1 - fr, true);
                    }
                }
            }
        });
        System.arraycopy(blurR, 0, r, 0, r.length);
        System.arraycopy(blurG, 0, g, 0, g.length);
        System.arraycopy(blurB, 0, b, 0, b.length);
    }

    private float[] blurR, blurG, blurB; // allocated on the first frame that needs depth of field

    private void downsample(int l) {
        if (blurR == null) {
            blurR = new float[w * h];
            blurG = new float[w * h];
            blurB = new float[w * h];
        }
        int sw = mw[l - 1], sh = mh[l - 1], dw = mw[l], dh = mh[l];
        float[] sr = mr[l - 1], sg = mg[l - 1], sb = mb[l - 1], dr = mr[l], dg = mg[l], db = mb[l];
        for (int y = 0; y < dh; y++) {
            int y0 = Math.min(sh - 1, 2 * y), y1 = Math.min(sh - 1, 2 * y + 1);
            for (int x = 0; x < dw; x++) {
                int x0 = Math.min(sw - 1, 2 * x), x1 = Math.min(sw - 1, 2 * x + 1);
                int a = y0 * sw + x0, bb = y0 * sw + x1, cc = y1 * sw + x0, d = y1 * sw + x1, o = y * dw + x;
                dr[o] = 0.25f * (sr[a] + sr[bb] + sr[cc] + sr[d]);
                dg[o] = 0.25f * (sg[a] + sg[bb] + sg[cc] + sg[d]);
                db[o] = 0.25f * (sb[a] + sb[bb] + sb[cc] + sb[d]);
            }
        }
    }

    /**
     * Bilinear sample of mip level l at full-resolution pixel (x, y), weighted into the blur buffers at i; level 0 is
     * the sharp picture. {@code add} false overwrites, true adds.
     */
    private void sample(int l, int x, int y, int i, float weight, boolean add) {
        float sr, sg, sb;
        if (l == 0) {
            sr = r[i];
            sg = g[i];
            sb = b[i];
        } else {
            int lw = mw[l], lh = mh[l];
            float scale = 1f / (1 << l);
            float sx = (x + 0.5f) * scale - 0.5f, sy = (y + 0.5f) * scale - 0.5f;
            int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
            float fxx = sx - x0, fyy = sy - y0;
            int xa = Math.clamp(x0, 0, lw - 1), xb = Math.clamp(x0 + 1, 0, lw - 1);
            int ya = Math.clamp(y0, 0, lh - 1), yb = Math.clamp(y0 + 1, 0, lh - 1);
            float[] cr = mr[l], cg = mg[l], cb = mb[l];
            int i00 = ya * lw + xa, i01 = ya * lw + xb, i10 = yb * lw + xa, i11 = yb * lw + xb;
            float w00 = (1 - fxx) * (1 - fyy), w01 = fxx * (1 - fyy), w10 = (1 - fxx) * fyy, w11 = fxx * fyy;
            sr = cr[i00] * w00 + cr[i01] * w01 + cr[i10] * w10 + cr[i11] * w11;
            sg = cg[i00] * w00 + cg[i01] * w01 + cg[i10] * w10 + cg[i11] * w11;
            sb = cb[i00] * w00 + cb[i01] * w01 + cb[i10] * w10 + cb[i11] * w11;
        }
        if (add) {
            blurR[i] += sr * weight;
            blurG[i] += sg * weight;
            blurB[i] += sb * weight;
        } else {
            blurR[i] = sr * weight;
            blurG[i] = sg * weight;
            blurB[i] = sb * weight;
        }
    }

    // ---- weather overlays ------------------------------------------------------------------------------------------

    private void weather(double t) {
        if (env.interior()) return;
        Weather wx = env.weather();
        if (wx == Weather.RAIN || wx == Weather.STORM) {
            int count = (wx == Weather.STORM ? 900 : 500) * w / 1920 + 20;
            float len = h * 0.05f, speed = h * 1.6f;
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(spec.seed() ^ 0x7A1L);
            for (int i = 0; i < count; i++) {
                float x0 = (float) rnd.nextDouble(w), y0 = (float) rnd.nextDouble(h + len);
                float sp = speed * (float) (0.8 + 0.5 * rnd.nextDouble());
                float y = (float) ((y0 + sp * t) % (h + len)) - len;
                float x = (float) (((x0 + 0.15 * sp * t) % w + w) % w);
                float alpha = 0.12f + 0.1f * (float) rnd.nextDouble();
                for (int s = 0; s < (int) len; s++) {
                    int py = (int) (y + s), px = (int) (x + 0.15f * s) % w;
                    if (py < 0 || py >= h) continue;
                    int idx = py * w + px;
                    r[idx] += (0.55f - r[idx]) * alpha;
                    g[idx] += (0.58f - g[idx]) * alpha;
                    b[idx] += (0.62f - b[idx]) * alpha;
                }
            }
        } else if (wx == Weather.SNOW) {
            int count = 700 * w / 1920 + 20;
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(spec.seed() ^ 0x5E0L);
            float rad = Math.max(1, h / 400f);
            for (int i = 0; i < count; i++) {
                float x0 = (float) rnd.nextDouble(w), y0 = (float) rnd.nextDouble(h);
                float sp = h * (float) (0.05 + 0.08 * rnd.nextDouble());
                float phase = (float) rnd.nextDouble(6.28);
                float size = rad * (float) (0.6 + rnd.nextDouble());
                float y = (float) ((y0 + sp * t) % h);
                float x = (float) (((x0 + Math.sin(t * 1.3 + phase) * h * 0.01) % w + w) % w);
                for (int yy = (int) (y - size); yy <= (int) (y + size); yy++) {
                    for (int xx = (int) (x - size); xx <= (int) (x + size); xx++) {
                        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                        float d2 = ((xx - x) * (xx - x) + (yy - y) * (yy - y)) / (size * size);
                        if (d2 > 1) continue;
                        int idx = yy * w + xx;
                        float a = 0.8f * (1 - d2);
                        r[idx] += (0.9f - r[idx]) * a;
                        g[idx] += (0.92f - g[idx]) * a;
                        b[idx] += (0.95f - b[idx]) * a;
                    }
                }
            }
        }
    }

    // ---- output ----------------------------------------------------------------------------------------------------

    private void output(int row0, int row1, PrevisFrame out) {
        byte[] bgr = out.bgr, depth = out.depth;
        float scale = TONE_LUT / TONE_RANGE;
        for (int i = row0 * w, end = row1 * w; i < end; i++) {
            bgr[3 * i] = tone[toneIndex(b[i], scale)];
            bgr[3 * i + 1] = tone[toneIndex(g[i], scale)];
            bgr[3 * i + 2] = tone[toneIndex(r[i], scale)];
            float d = z[i];
            depth[i] = d >= SKY_DEPTH ? 0 : (byte) Math.min(255, Math.round(255 * 0.5f / d));
        }
    }

    private static int toneIndex(float v, float scale) {
        if (!(v > 0)) return 0;
        int i = (int) (v * scale + 0.5f);
        return i > TONE_LUT ? TONE_LUT : i;
    }

    private static void boxes(PrevisFrame out) {
        int w = out.width, h = out.height;
        int sx0 = w, sy0 = h, sx1 = -1, sy1 = -1, hx0 = w, hy0 = h, hx1 = -1, hy1 = -1;
        byte[] m = out.mask;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                byte v = m[row + x];
                if (v == PrevisFrame.HEAD || v == PrevisFrame.SUBJECT) {
                    if (x < sx0) sx0 = x;
                    if (x > sx1) sx1 = x;
                    if (y < sy0) sy0 = y;
                    if (y > sy1) sy1 = y;
                    if (v == PrevisFrame.HEAD) {
                        if (x < hx0) hx0 = x;
                        if (x > hx1) hx1 = x;
                        if (y < hy0) hy0 = y;
                        if (y > hy1) hy1 = y;
                    }
                }
            }
        }
        setBox(out.subjectBox, sx0, sy0, sx1, sy1);
        setBox(out.headBox, hx0, hy0, hx1, hy1);
    }

    private static void setBox(int[] box, int x0, int y0, int x1, int y1) {
        if (x1 < 0) {
            java.util.Arrays.fill(box, 0);
            return;
        }
        box[0] = x0;
        box[1] = y0;
        box[2] = x1 - x0 + 1;
        box[3] = y1 - y0 + 1;
    }

    // ---- small maths -----------------------------------------------------------------------------------------------

    /** @return a hash of (a, b) mapped to 0..1 (SplitMix64 finaliser) */
    static float hash01(long a, long b) {
        long zz = a * 0x9E3779B97F4A7C15L + b;
        zz = (zz ^ (zz >>> 30)) * 0xBF58476D1CE4E5B9L;
        zz = (zz ^ (zz >>> 27)) * 0x94D049BB133111EBL;
        zz ^= zz >>> 31;
        return (zz >>> 40) * 0x1.0p-24f;
    }

    /** Polynomial atan2, max error about 0.0015 rad (Rajan et al., "Efficient approximations for the arctangent"). */
    static float atan2(float y, float x) {
        float ax = Math.abs(x), ay = Math.abs(y);
        float mn = Math.min(ax, ay), mx = Math.max(ax, ay);
        if (mx == 0) return 0;
        float a = mn / mx;
        float s = a * a;
        float r = ((-0.0464964749f * s + 0.15931422f) * s - 0.327622764f) * s * a + a;
        if (ay > ax) r = 1.57079637f - r;
        if (x < 0) r = 3.14159274f - r;
        return y < 0 ? -r : r;
    }

    /** log2 for positive finite floats, from the exponent and a quadratic on the mantissa (error under 0.01). */
    static float log2(float v) {
        int bits = Float.floatToRawIntBits(v);
        int exp = ((bits >>> 23) & 0xff) - 127;
        float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000); // 1..2
        return exp + (-0.34484843f * m + 2.02466578f) * m - 0.67487759f;
    }
}
