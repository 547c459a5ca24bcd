package org.cinestack.shoot.previs;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.cinestack.film.Weather;
import org.cinestack.plan.CameraPose;
import org.cinestack.plan.Figure;
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
 * <p>Not thread-safe: one renderer renders one frame at a time, on the calling thread or with its rows split over a
 * pool. For throughput, give each thread a renderer of its own and render whole frames side by side (see
 * {@link PrevisBackend}); splitting rows is for when one frame is wanted soon.
 */
public final class PrevisRenderer extends PrevisScene {
    private final ForkJoinPool pool;
    private final float[] r, g, b; // scene-linear light
    /** Depth along the lens axis, metres, while a row is rastered; inverse depth (1/m, 0 for the sky) once done. */
    private final float[] z;
    private final int[] rowSubject0, rowSubject1, rowHead0, rowHead1;
    private final DepthOfField depthOfField;

    // per-frame state, read by the stripe workers
    private float cx, cy, cz, fx, fy, fz, rx, ry, rz, ux, uy, uz, fpx, invFpx;
    private final float[] cardRX, cardRZ, cardNXf, cardNZf;
    private final int[] bx0, by0, bx1, by1;
    private float flash;

    /**
     * @param spec the shot
     * @param pool threads to split each frame's rows over, or null to render on the calling thread
     */
    public PrevisRenderer(ShotSpec spec, ForkJoinPool pool) {
        super(spec);
        this.pool = pool;
        int n = w * h;
        r = new float[n];
        g = new float[n];
        b = new float[n];
        z = new float[n];
        rowSubject0 = new int[h];
        rowSubject1 = new int[h];
        rowHead0 = new int[h];
        rowHead1 = new int[h];
        depthOfField = new DepthOfField(w, h, r, g, b, z);
        cardRX = new float[cards];
        cardRZ = new float[cards];
        cardNXf = new float[cards];
        cardNZf = new float[cards];
        bx0 = new int[cards + 1 + shadows]; // screen boxes: the cards, the table, the contact shadows
        by0 = new int[cards + 1 + shadows];
        bx1 = new int[cards + 1 + shadows];
        by1 = new int[cards + 1 + shadows];
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
        int stripes = pool == null ? 1 : Math.max(1, Math.min(h, pool.getParallelism() * 8));
        boolean blur = depthOfField.focus(p, spec);
        // the last pass over the full picture also writes the 8-bit frame: the raster, depth of field or weather's
        run(stripes, s -> raster(s * h / stripes, (s + 1) * h / stripes, out, !blur && !overlay));
        if (blur) depthOfField.apply(stripes, this::run, overlay ? null : (from, to) -> output(from, to, out));
        if (overlay) {
            weather(t);
            run(stripes, s -> output(s * h / stripes * w, (s + 1) * h / stripes * w, out));
        }
        boxes(out);
    }

    private void run(int stripes, java.util.function.IntConsumer task) {
        if (pool == null || pool.getParallelism() <= 1) {
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
        invFpx = 1 / fpx;
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
        if (hasProp) quadBox(TABLE_X, TABLE_Y, TABLE_Z, cards); // the table's box goes in the slot after the cards
        for (int k = 0; k < shadows; k++) { // then each contact shadow's: the square where its darkening is not 0
            float reach = (float) Math.sqrt(4 / shadowK[k]);
            float x0 = shadowX[k] - reach, x1 = shadowX[k] + reach, z0 = shadowZ[k] - reach, z1 = shadowZ[k] + reach;
            quadBox(new float[] {x0, x1, x1, x0}, new float[4], new float[] {z0, z0, z1, z1}, cards + 1 + k);
        }
    }

    /** Screen bounding box of card i: its quad, padded by 2% at the top, through {@link #quadBox}. */
    private void bbox(int i) {
        float half = cardW[i] * 0.5f, top = cardBase[i] + cardH[i] * 1.02f;
        float ax = cardX[i] - cardRX[i] * half, az = cardZ[i] - cardRZ[i] * half;
        float bx = cardX[i] + cardRX[i] * half, bz = cardZ[i] + cardRZ[i] * half;
        quadBox(new float[] {ax, bx, bx, ax}, new float[] {cardBase[i], cardBase[i], top, top},
            new float[] {az, bz, bz, az}, i);
    }

    /**
     * Conservative screen bounding box of a world-space quad (corners in order round it): the quad clipped to the
     * plane {@link #NEAR} in front of the lens, then projected, padded by a pixel. Written to slot i of bx0, by0, bx1,
     * by1; empty (x0 &gt; x1) when the quad is wholly behind that plane.
     */
    private void quadBox(float[] qx, float[] qy, float[] qz, int i) {
        float[] ex = new float[4], ey = new float[4], ez = new float[4], depth = new float[4];
        for (int c = 0; c < 4; c++) {
            ex[c] = qx[c] - cx;
            ey[c] = qy[c] - cy;
            ez[c] = qz[c] - cz;
            depth[c] = ex[c] * fx + ey[c] * fy + ez[c] * fz;
        }
        float x0 = Float.MAX_VALUE, y0 = Float.MAX_VALUE, x1 = -Float.MAX_VALUE, y1 = -Float.MAX_VALUE;
        for (int c = 0; c < 4; c++) {
            int n = (c + 1) & 3;
            for (int k = 0; k < 2; k++) { // the corner if in front, and where the edge to the next one crosses
                float px, py, pz, d;
                if (k == 0) {
                    if (depth[c] < NEAR) continue;
                    px = ex[c];
                    py = ey[c];
                    pz = ez[c];
                    d = depth[c];
                } else {
                    if ((depth[c] < NEAR) == (depth[n] < NEAR)) continue;
                    float s = (NEAR - depth[c]) / (depth[n] - depth[c]);
                    px = ex[c] + (ex[n] - ex[c]) * s;
                    py = ey[c] + (ey[n] - ey[c]) * s;
                    pz = ez[c] + (ez[n] - ez[c]) * s;
                    d = NEAR;
                }
                float sx = (px * rx + py * ry + pz * rz) / d * fpx + w * 0.5f;
                float sy = h * 0.5f - (px * ux + py * uy + pz * uz) / d * fpx;
                x0 = Math.min(x0, sx);
                x1 = Math.max(x1, sx);
                y0 = Math.min(y0, sy);
                y1 = Math.max(y1, sy);
            }
        }
        if (x0 > x1) { // wholly behind the lens
            bx0[i] = by0[i] = 0;
            bx1[i] = by1[i] = -1;
            return;
        }
        bx0[i] = (int) Math.max(0, Math.min(w, Math.floor(x0) - 1));
        by0[i] = (int) Math.max(0, Math.min(h, Math.floor(y0) - 1));
        bx1[i] = (int) Math.min(w - 1, Math.max(-1, Math.ceil(x1) + 1));
        by1[i] = (int) Math.min(h - 1, Math.max(-1, Math.ceil(y1) + 1));
    }

    // ---- raster ----------------------------------------------------------------------------------------------------

    /*
     * Rows are rastered layer by layer: first the environment (table, room or ground, hills, sky) for every pixel of
     * the row, then each card over just the columns of its screen bounding box, depth-tested against what is there,
     * then fog and the lightning flash. Every pixel still sees the cards in the same order, so the picture is the same
     * as testing every card at every pixel, at a fraction of the cost.
     */
    private void raster(int row0, int row1, PrevisFrame out, boolean writeOut) {
        byte[] mask = out.mask;
        float inv = 1f / fpx, half = w * 0.5f;
        for (int py = row0; py < row1; py++) {
            float sy = (h * 0.5f - py - 0.5f) * inv;
            float ox = fx + ux * sy, oy = fy + uy * sy, oz = fz + uz * sy; // the ray at the picture's centre column
            int row = py * w;
            if (interior) interiorRow(row, ox, oy, oz, inv, half);
            else exteriorRow(row, ox, oy, oz, inv, half);
            java.util.Arrays.fill(mask, row, row + w, (byte) 0);
            for (int i = 0; i < cards; i++) {
                if (py < by0[i] || py > by1[i]) continue;
                card(i, row, ox, oy, oz, inv, half, mask);
            }
            finishRow(py, row, mask);
            if (writeOut) output(row, row + w, out);
        }
    }

    /**
     * Intersects card i with the rays of one row inside its bounding box; shades and depth-tests each hit. A person's
     * card is shaded in units of its height ({@link #shadePerson}), a prop's or structure's and a set piece's in
     * metres.
     */
    private void card(int i, int row, float ox, float oy, float oz, float inv, float half, byte[] mask) {
        float nx = cardNXf[i], nz = cardNZf[i], kx = cardX[i], kz = cardZ[i], base = cardBase[i];
        float rightX = cardRX[i], rightZ = cardRZ[i];
        float num = (kx - cx) * nx + (kz - cz) * nz;
        boolean isFigure = i < figure.length, person = isFigure && figure[i].kind() == Figure.Kind.PERSON;
        byte other = isFigure ? PrevisFrame.OTHER : 0;
        float invH = 1 / cardH[i];
        for (int px = bx0[i], end = bx1[i]; px <= end; px++) {
            float sx = (px + 0.5f - half) * inv;
            float dx = ox + rx * sx, dy = oy + ry * sx, dz = oz + rz * sx;
            float denom = dx * nx + dz * nz;
            if (denom > -1e-6f) continue;
            float tt = num / denom;
            int idx = row + px;
            if (tt <= 0.02f || tt >= z[idx]) continue;
            float uu = (cx + tt * dx - kx) * rightX + (cz + tt * dz - kz) * rightZ;
            float vv = cy + tt * dy - base;
            byte hit = person ? shadePerson(i, uu * invH, vv * invH, idx) : isFigure ? shadeFigure(i, uu, vv, idx)
                : shadePiece(i, uu, vv, idx);
            if (hit != 0) {
                z[idx] = tt;
                mask[idx] = i == 0 ? hit : other;
            }
        }
    }

    /** Fog and flash over one row, its depths turned to inverse depths, and the row's extent of the subject and its head for {@link #boxes}. */
    private void finishRow(int py, int row, byte[] mask) {
        float fr = fogColor[0] * 0.9f, fg = fogColor[1] * 0.9f, fb = fogColor[2] * 0.9f;
        for (int idx = row, end = row + w; idx < end; idx++) {
            float t = z[idx];
            if (t >= SKY_DEPTH) {
                z[idx] = 0;
                continue;
            }
            z[idx] = 1 / t; // depth to inverse depth, done with the row
            if (interior) continue;
            float a = fogAt(t);
            r[idx] += (fr - r[idx]) * a;
            g[idx] += (fg - g[idx]) * a;
            b[idx] += (fb - b[idx]) * a;
        }
        if (flash != 1f) {
            for (int idx = row, end = row + w; idx < end; idx++) {
                r[idx] *= flash;
                g[idx] *= flash;
                b[idx] *= flash;
            }
        }
        int s0 = w, s1 = -1, h0 = w, h1 = -1;
        if (figure.length > 0 && py >= by0[0] && py <= by1[0]) {
            for (int px = bx0[0], end = bx1[0]; px <= end; px++) {
                byte v = mask[row + px];
                if (v == PrevisFrame.HEAD || v == PrevisFrame.SUBJECT) {
                    if (s1 < 0) s0 = px;
                    s1 = px;
                    if (v == PrevisFrame.HEAD) {
                        if (h1 < 0) h0 = px;
                        h1 = px;
                    }
                }
            }
        }
        rowSubject0[py] = s0;
        rowSubject1[py] = s1;
        rowHead0[py] = h0;
        rowHead1[py] = h1;
    }

    private float fogAt(float t) {
        float x = t / visibility;
        if (x >= FOG_LUT_RANGE) return fog[FOG_LUT];
        return fog[(int) (x * (FOG_LUT / FOG_LUT_RANGE))];
    }

    /** First column of row py where the table may show; past the last column when there is none. */
    private int tableX0(int py) {
        return hasProp && py >= by0[cards] && py <= by1[cards] ? bx0[cards] : w;
    }

    /** Last column of row py where the table may show. */
    private int tableX1(int py) {
        return hasProp && py >= by0[cards] && py <= by1[cards] ? bx1[cards] : -1;
    }

    /** The prop's table top, 0.75 m high; returns the depth, or the sky's when the ray misses it. */
    private float table(float dx, float dy, float dz, int idx) {
        if (!(dy < 0 && cy > 0.75f || dy > 0 && cy < 0.75f)) return SKY_DEPTH;
        float t = (0.75f - cy) / dy;
        float x = cx + t * dx, zz = cz + t * dz;
        if (!(t > 0 && x > -0.8f && x < 0.8f && zz > -0.55f && zz < 0.45f)) return SKY_DEPTH;
        float plank = 0.85f + 0.2f * hash01(ifloor(x * (1 / 0.15f)) * 0x1B873593 ^ 0x2545F491);
        float lit = (ambient + Math.max(0, ly) * keyR) * plank * bg;
        r[idx] = 0.24f * lit;
        g[idx] = 0.13f * lit;
        b[idx] = 0.07f * lit;
        return t;
    }

    /*
     * The environment is shaded a row at a time, each layer's code written out inside the row's loop: a call per pixel
     * into a method too large to inline costs more than the shading itself.
     */

    /** Ground (or the prop's table), hills and sky for the pixels of one row of an exterior. */
    private void exteriorRow(int row, float ox, float oy, float oz, float inv, float half) {
        int py = row / w, tx0 = tableX0(py), tx1 = tableX1(py);
        float groundLit = (ambient + Math.max(0, ly) * 0.9f) * bg;
        float fogR = fogColor[0], fogG = fogColor[1], fogB = fogColor[2];
        for (int px = 0, idx = row; px < w; px++, idx++) {
            float sx = (px + 0.5f - half) * inv;
            float dx = ox + rx * sx, dy = oy + ry * sx, dz = oz + rz * sx;
            float t = px >= tx0 && px <= tx1 ? table(dx, dy, dz, idx) : SKY_DEPTH;
            if (dy < 0 && cy > 0) {
                float invDy = 1 / dy, tg = -cy * invDy;
                if (tg < t) {
                    t = tg;
                    float x0 = cx + tg * dx, z0 = cz + tg * dz;
                    // the texture grid is turned 30 degrees so its lines never run along the line of action
                    float x = x0 * 0.8660254f + z0 * 0.5f, zz = z0 * 0.8660254f - x0 * 0.5f;
                    // a pixel's footprint on the ground, metres: t / fpx across, over sin(depression) along, where
                    // sin(depression) = -dy / s, s = sqrt(1 + dy^2), is held at 0.05 or more
                    float s = (float) Math.sqrt(1 + dy * dy);
                    float footprint = tg * invFpx * (-dy >= 0.05f * s ? -s * invDy : 20);
                    float detail = 1 - footprint * 2.5f, coarse = 1 - footprint * 0.4f;
                    float v = 1;
                    if (coarse > 0) v += coarse * 0.28f * (hash01(ifloor(x * 0.5f) * 0x1B873593
                        ^ ifloor(zz * 0.5f) * 0x5F356495 ^ groundSeed) - 0.5f);
                    if (detail > 0) v += detail * 0.16f * (hash01(ifloor(x * 2f) * 0x27D4EB2F
                        ^ ifloor(zz * 2f) * 0x165667B1 ^ 0x3C6EF372) - 0.5f);
                    for (int k = 0; k < shadows; k++) { // soft contact shadow under each standing figure
                        int slot = cards + 1 + k;
                        if (px < bx0[slot] || px > bx1[slot] || py < by0[slot] || py > by1[slot]) continue;
                        float ddx = x0 - shadowX[k], ddz = z0 - shadowZ[k];
                        float d2 = (ddx * ddx + ddz * ddz) * shadowK[k];
                        if (d2 < 4) v *= 1 - CONTACT_SHADOW[(int) (d2 * (CONTACT_SHADOW.length / 4f))];
                    }
                    float lit = groundLit * v;
                    r[idx] = groundR * lit;
                    g[idx] = groundG * lit;
                    b[idx] = groundB * lit;
                }
            } else if (t == SKY_DEPTH) {
                float horiz2 = dx * dx + dz * dz, horiz = (float) Math.sqrt(horiz2);
                if (dy < HILLS_MAX * horiz && dy < horiz * hills[(int) ((atan2(dx, dz) * (float) (1 / (2 * Math.PI))
                    + 1) * HILLS) & (HILLS - 1)]) {
                    r[idx] = hillR;
                    g[idx] = hillG;
                    b[idx] = hillB;
                } else {
                    float invLen = 1 / (float) Math.sqrt(horiz2 + dy * dy);
                    float e = Math.max(0, dy * invLen);
                    float m = SKY_GRADIENT[(int) (e * (SKY_GRADIENT.length - 1) + 0.5f)];
                    float cr = horizon[0] + (zenith[0] - horizon[0]) * m;
                    float cg = horizon[1] + (zenith[1] - horizon[1]) * m;
                    float cb = horizon[2] + (zenith[2] - horizon[2]) * m;
                    if (sunVisible) {
                        float glow = sunGlow((dx * lx + dy * ly + dz * lz) * invLen);
                        cr += glow * keyR;
                        cg += glow * keyG;
                        cb += glow * keyB;
                    }
                    if (starry && e > 0.05f) {
                        float s = 700 * invLen;
                        if (hash01(ifloor(dx * s) * 0x1B873593 ^ ifloor(dy * s) * 0x5F356495
                            ^ ifloor(dz * s) * 0x27D4EB2F) > 0.9985f) {
                            cr += 0.5f;
                            cg += 0.5f;
                            cb += 0.55f;
                        }
                    }
                    r[idx] = cr;
                    g[idx] = cg;
                    b[idx] = cb;
                }
            }
            z[idx] = t;
        }
    }

    /** Sun (or moon) disc and glow at this cosine from its direction. */
    private float sunGlow(float cos) {
        if (!(cos > 0.9f)) return 0;
        float glow = (float) Math.pow((cos - 0.9f) / 0.1f, 8) * (night ? 0.25f : 0.9f);
        if (cos > 0.99985f) glow += night ? 0.9f : 3f;
        return glow;
    }

    /** Floor, walls, ceiling, window and door (or the prop's table) for the pixels of one row of an interior. */
    private void interiorRow(int row, float ox, float oy, float oz, float inv, float half) {
        int py = row / w, tx0 = tableX0(py), tx1 = tableX1(py);
        float hw = roomHalfWidth;
        float litBase = ambient * bg, litDiffuse = 0.9f * bg;
        float winR = horizon[0], winG = horizon[1], winB = horizon[2], glass = night ? 0.4f : 1.6f;
        for (int px = 0, idx = row; px < w; px++, idx++) {
            float sx = (px + 0.5f - half) * inv;
            float dx = ox + rx * sx, dy = oy + ry * sx, dz = oz + rz * sx;
            if (px >= tx0 && px <= tx1) {
                float tt = table(dx, dy, dz, idx);
                if (tt < SKY_DEPTH) {
                    z[idx] = tt;
                    continue;
                }
            }
            float tX = dx > 0 ? (hw - cx) / dx : dx < 0 ? (-hw - cx) / dx : Float.MAX_VALUE;
            float tY = dy > 0 ? (ceiling - cy) / dy : dy < 0 ? -cy / dy : Float.MAX_VALUE;
            float tZ = dz > 0 ? (roomFront - cz) / dz : dz < 0 ? (roomBack - cz) / dz : Float.MAX_VALUE;
            float t = Math.min(tX, Math.min(tY, tZ));
            z[idx] = t;
            float x = cx + t * dx, y = cy + t * dy, zz = cz + t * dz;
            float aa = Math.max(0, 1 - t * invFpx * 8); // fades line detail finer than a pixel
            float ar, ag, ab, facing; // facing: the key light's cosine on the surface
            if (t == tY) {
                if (dy < 0) { // floor: planks
                    float q = x * 5f; // planks 0.2 m wide
                    int plank = ifloor(q);
                    float offset = hash01(plank * 0x1B873593 ^ 0x9E3779B9) * 1.3f;
                    int seg = ifloor((zz + offset) * (1 / 1.3f));
                    float v = 0.8f + 0.35f * hash01(plank * 0x5F356495 ^ seg * 0x27D4EB2F);
                    if (q - plank < 0.05f * 5f * 0.2f) v *= 1 - 0.5f * aa;
                    ar = 0.22f * v;
                    ag = 0.13f * v;
                    ab = 0.07f * v;
                    facing = ly;
                } else {
                    ar = ag = ab = 0.5f;
                    facing = -ly;
                }
            } else {
                float along;
                if (t == tX) {
                    along = zz;
                    facing = dx > 0 ? -lx : lx;
                } else {
                    along = x;
                    facing = dz > 0 ? -lz : lz;
                }
                float q = along * (1 / 0.3f);
                float stripe = q - ifloor(q) < 0.5f ? 1 + 0.1f * aa : 1 - 0.1f * aa;
                if (y < 0.9f) stripe = 0.55f; // wainscot
                ar = wallR * stripe;
                ag = wallG * stripe;
                ab = wallB * stripe;
                if (y >= 0.9f && y < 0.95f) ar = ag = ab = 0.45f; // dado rail
                if (t == tZ && dz > 0) { // the wall behind the subject: a window and a door
                    if (x > -2.3f && x < -0.9f && y > 1.0f && y < 2.3f) {
                        boolean bar = Math.abs(x + 1.6f) < 0.03f || Math.abs(y - 1.65f) < 0.03f;
                        float s = bar ? 0.05f : glass;
                        r[idx] = winR * s;
                        g[idx] = winG * s;
                        b[idx] = winB * s;
                        continue;
                    }
                    if (x > 1.3f && x < 2.3f && y < 2.1f) {
                        ar = 0.12f;
                        ag = 0.07f;
                        ab = 0.04f;
                    }
                }
            }
            float lit = litBase + (Math.max(0, facing) * 0.6f + 0.25f) * litDiffuse;
            r[idx] = ar * lit * keyR;
            g[idx] = ag * lit * keyG;
            b[idx] = ab * lit * keyB;
        }
    }

    private byte shadePiece(int i, float u, float v, int idx) {
        SetPiece p = pieces.get(i - figure.length);
        float s = p.shade(u, v, night);
        if (s == 0) return 0;
        float lit = p.emissive() || s > 1.5f ? s : (ambient + Math.max(0, cardNXf[i] * lx + cardNZf[i] * lz) * 0.8f
            + 0.15f) * Math.abs(s) * bg;
        if (s < 0) { // bark
            r[idx] = 0.08f * lit;
            g[idx] = 0.05f * lit;
            b[idx] = 0.03f * lit;
        } else if (p.emissive() || s > 1.5f) {
            r[idx] = 1.0f * s * 0.5f;
            g[idx] = 0.8f * s * 0.5f;
            b[idx] = 0.5f * s * 0.5f;
        } else {
            r[idx] = cardR[i] * lit * (0.7f + 0.3f * keyR);
            g[idx] = cardG[i] * lit * (0.7f + 0.3f * keyG);
            b[idx] = cardB[i] * lit * (0.7f + 0.3f * keyB);
        }
        return 1;
    }

    /**
     * Shades a figure's surface point: Lambert from the key, the setup's fill from the camera side, a rim where the
     * surface turns away, over the figure ambient. Normal (nu, nv, nw) in card space: right, up, towards the camera.
     */
    private void light(int i, float nu, float nv, float nw, float ar, float ag, float ab, int idx) {
        float wx = nu * cardRX[i] + nw * cardNXf[i], wy = nv, wz = nu * cardRZ[i] + nw * cardNZf[i];
        float lambert = Math.max(0, wx * lx + wy * ly + wz * lz);
        float front = Math.max(0, nw), edge = 1 - front;
        float rimTerm = rim * edge * edge * edge * Math.max(0, -(cardNXf[i] * lx + cardNZf[i] * lz) + 0.3f);
        float k = lambert + fillRatio * front * 0.8f + rimTerm * 1.2f;
        r[idx] = ar * (figureAmbient + k * keyR);
        g[idx] = ag * (figureAmbient + k * keyG);
        b[idx] = ab * (figureAmbient + k * keyB);
    }

    /**
     * A person, the mannequin's shape and shading written out: head with hair, eyes and mouth, neck, torso and arms,
     * hands and hips, legs and shoes, in proportions of height.
     *
     * @param i   the figure
     * @param uu  right of the card's centre, in heights
     * @param vv  up from its base, in heights
     * @param idx the pixel
     * @return the part hit ({@link PrevisFrame#HEAD} or {@link PrevisFrame#SUBJECT}), or 0 where the ray misses
     */
    private byte shadePerson(int i, float uu, float vv, int idx) {
        Figure f = figure[i];
        int skin = f.skinRgb(), hairRgb = f.hairRgb(), main = f.mainRgb(), second = f.secondRgb();
        float nu, nv, nw;
        byte part = PrevisFrame.SUBJECT;
        int rgb;
        float hx = uu / 0.048f, hy = (vv - 0.935f) / 0.065f;
        float he = hx * hx + hy * hy;
        if (he <= 1) { // head
            part = PrevisFrame.HEAD;
            nu = hx;
            nv = hy;
            nw = (float) Math.sqrt(1 - he);
            boolean hair = hy > 0.42f - 0.2f * Math.abs(hx) || (Math.abs(hx) > 0.88f && hy > -0.1f);
            rgb = hair ? hairRgb : skin;
            float ex = Math.abs(uu) - 0.018f, ey = vv - 0.947f;
            if (!hair && ex * ex + ey * ey < 0.0065f * 0.0065f) rgb = 0x1A1410;
            if (!hair && Math.abs(uu) < 0.014f && Math.abs(vv - 0.903f) < 0.0028f) rgb = 0x6A2E2A;
        } else if (vv > 0.85f && vv < 0.89f && Math.abs(uu) < 0.022f) { // neck
            nu = uu / 0.022f;
            nv = 0;
            nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
            rgb = skin;
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
                rgb = main;
            } else if (vv < 0.81f && armDist < 0.022f) {
                nu = (Math.abs(uu) - armCenter) / 0.022f * Math.signum(uu);
                nv = 0;
                nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
                rgb = main;
            } else {
                return 0;
            }
        } else if (vv >= 0.43f && vv < 0.5f) { // hands and hips
            float armCenter = 0.128f + (0.81f - vv) * 0.03f;
            if (Math.abs(uu) < 0.095f) {
                nu = uu / 0.095f;
                rgb = second;
            } else if (Math.abs(Math.abs(uu) - armCenter) < 0.018f) {
                nu = (Math.abs(uu) - armCenter) / 0.018f * Math.signum(uu);
                rgb = skin;
            } else {
                return 0;
            }
            nv = 0;
            nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
        } else if (vv >= 0 && vv < 0.43f) { // legs
            float legHalf = 0.032f + 0.01f * vv / 0.43f;
            float leg = Math.abs(Math.abs(uu) - 0.046f);
            if (leg > legHalf) return 0;
            nu = (Math.abs(uu) - 0.046f) / legHalf * Math.signum(uu);
            nv = 0;
            nw = (float) Math.sqrt(Math.max(0, 1 - nu * nu));
            rgb = vv < 0.025f ? 0x1A1614 : second;
        } else {
            return 0;
        }
        light(i, nu, nv, nw, lin((rgb >> 16) & 255), lin((rgb >> 8) & 255), lin(rgb & 255), idx);
        return part;
    }

    /** Prop or structure; card coordinates u (right), v (up), metres. */
    private byte shadeFigure(int i, float u, float v, int idx) {
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
                    r[idx] = 2.4f;
                    g[idx] = 2.0f;
                    b[idx] = 1.2f;
                    return part;
                }
                boolean band = vv < 0.8f && ((int) (vv * 10)) % 2 == 1;
                int rgb = band ? f.secondRgb() : f.mainRgb();
                ar = lin((rgb >> 16) & 255);
                ag = lin((rgb >> 8) & 255);
                ab = lin(rgb & 255);
            }
            default -> throw new IllegalStateException("people are shaded by shadePerson");
        }
        light(i, nu, nv, nw, ar, ag, ab, idx);
        return part;
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

    /** Pixels i0..i1 to 8-bit: the display transform through its table, and the depth pass. */
    private void output(int i0, int i1, PrevisFrame out) {
        byte[] bgr = out.bgr, depth = out.depth;
        float scale = TONE_LUT / TONE_RANGE;
        // every pixel but the range's last is written as 4 bytes, B G R and a spare byte that the next pixel then
        // overwrites: one store instead of three; the last is written bytewise, so no byte outside the range is touched
        int last = Math.max(i0, i1 - 1);
        for (int i = i0; i < last; i++) {
            int bgrx = (tone[toneIndex(b[i], scale)] & 255) | (tone[toneIndex(g[i], scale)] & 255) << 8
                | (tone[toneIndex(r[i], scale)] & 255) << 16;
            INT_LE.set(bgr, 3 * i, bgrx);
            depth[i] = (byte) Math.min(255, (int) (127.5f * z[i] + 0.5f)); // 255 * 0.5 m / depth, rounded
        }
        for (int i = last; i < i1; i++) {
            bgr[3 * i] = tone[toneIndex(b[i], scale)];
            bgr[3 * i + 1] = tone[toneIndex(g[i], scale)];
            bgr[3 * i + 2] = tone[toneIndex(r[i], scale)];
            depth[i] = (byte) Math.min(255, (int) (127.5f * z[i] + 0.5f));
        }
    }

    private static final java.lang.invoke.VarHandle INT_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
        int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Index into the tone table: rounded, clamped to 0 .. TONE_LUT (negative and NaN to 0), without branches. */
    private static int toneIndex(float v, float scale) {
        return Math.min(TONE_LUT, Math.max(0, (int) (v * scale + 0.5f)));
    }

    /** Merges the rows' extents of the subject and its head (from {@link #finishRow}) into the frame's boxes. */
    private void boxes(PrevisFrame out) {
        int sx0 = w, sy0 = h, sx1 = -1, sy1 = -1, hx0 = w, hy0 = h, hx1 = -1, hy1 = -1;
        for (int y = 0; y < h; y++) {
            if (rowSubject1[y] >= 0) {
                sx0 = Math.min(sx0, rowSubject0[y]);
                sx1 = Math.max(sx1, rowSubject1[y]);
                if (sy1 < 0) sy0 = y;
                sy1 = y;
            }
            if (rowHead1[y] >= 0) {
                hx0 = Math.min(hx0, rowHead0[y]);
                hx1 = Math.max(hx1, rowHead1[y]);
                if (hy1 < 0) hy0 = y;
                hy1 = y;
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

    /** Math.floor for floats of magnitude under 2^31, as an int. */
    static int ifloor(float v) {
        int i = (int) v;
        return v < i ? i - 1 : i;
    }

    /** @return a 32-bit integer hash mapped to 0..1 (the "lowbias32" mixer of C. Wellons' hash-prospector) */
    static float hash01(int x) {
        x ^= x >>> 16;
        x *= 0x7FEB352D;
        x ^= x >>> 15;
        x *= 0x846CA68B;
        x ^= x >>> 16;
        return (x >>> 8) * 0x1.0p-24f;
    }

    /** Math.floor for floats of magnitude under 2^63, without the round trip through double. */
    static long floor(float v) {
        long i = (long) v;
        return v < i ? i - 1 : i;
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
