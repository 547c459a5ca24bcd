package org.cinestack.dailies;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.phaseCorrelate;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2d;

/**
 * The camera's motion between two frames, as the picture shows it. The picture is cut into a 3 x 3 grid; each cell's
 * translation is found by phase correlation of its Laplacian (OpenCV {@code phaseCorrelate}: the peak of the normalised cross-power
 * spectrum, sub-pixel, Hann-windowed; Kuglin and Hines 1975); cells without texture or without a clear peak are left
 * out. The other cells' translations are then fitted, by least squares about the picture's centre, with a similarity
 * motion: a common translation, a scale (the cells moving away
 * from the centre: a zoom or dolly in) and a roll (the cells turning about it).
 * <p>
 * Signs are the picture's: {@code dx > 0} when the content moves right (the camera pans or trucks left),
 * {@code dy > 0} when it moves down (the camera tilts or rises up), {@code scale > 1} when it grows (zoom or dolly
 * in), {@code rollDegrees > 0} for a clockwise turn of the content (image coordinates, y down).
 */
final class GlobalMotion implements AutoCloseable {
    /** Cells across and down. */
    private static final int GRID = 3;
    /**
     * The least standard deviation of a cell's Laplacian of luma, code values, for it to show motion (a flat sky or
     * wall does not).
     */
    static final double MIN_TEXTURE = 2;
    /**
     * The least height of the correlation peak for a cell's shift to be believed (OpenCV's response: 1 for identical
     * cells, near 0 for unrelated ones).
     */
    static final double MIN_RESPONSE = 0.1;

    /**
     * One frame pair's motion.
     *
     * @param dx          horizontal translation, fractions of the picture's width (content moving right is positive)
     * @param dy          vertical translation, fractions of the picture's height (content moving down is positive)
     * @param scale       the content's scale in the second frame over the first
     * @param rollDegrees the content's rotation, degrees clockwise
     */
    record Step(double dx, double dy, double scale, double rollDegrees) {
        static final Step NONE = new Step(0, 0, 1, 0);
    }

    /** A float plane in native memory, with the memory it lives in (the Mat does not own it). */
    private record Plane(Mat mat, FloatPointer data) implements AutoCloseable {
        static Plane of(float[] v, int w, int h) {
            FloatPointer p = new FloatPointer(v);
            return new Plane(new Mat(h, w, CV_32F, p), p);
        }

        @Override
        public void close() {
            mat.close();
            data.close();
        }
    }

    private final int w, h, cw, ch;
    /** Each cell's top-left corner, and its centre relative to the picture's centre, pixels. */
    private final int[] cellX = new int[GRID * GRID], cellY = new int[GRID * GRID];
    private final double[] px = new double[GRID * GRID], py = new double[GRID * GRID];
    private final Plane window;
    /** The frame motion is measured from, and where it stands in the take (so per-frame errors never add up). */
    private Plane[] reference;
    private double refX, refY, refLogScale, refRoll;
    /** Where the frame before stood. */
    private double lastX, lastY, lastLogScale, lastRoll;

    /**
     * @param w width of the luma planes given to {@link #next}
     * @param h their height
     */
    GlobalMotion(int w, int h) {
        this.w = w;
        this.h = h;
        this.cw = Math.max(8, w / GRID);
        this.ch = Math.max(8, h / GRID);
        for (int i = 0; i < GRID * GRID; i++) {
            cellX[i] = Math.min(w - cw, (i % GRID) * (w - cw) / Math.max(1, GRID - 1));
            cellY[i] = Math.min(h - ch, (i / GRID) * (h - ch) / Math.max(1, GRID - 1));
            px[i] = cellX[i] + cw / 2.0 - w / 2.0;
            py[i] = cellY[i] + ch / 2.0 - h / 2.0;
        }
        float[] v = new float[cw * ch];
        for (int y = 0; y < ch; y++) {
            double wy = 0.5 - 0.5 * Math.cos(2 * Math.PI * y / Math.max(1, ch - 1));
            for (int x = 0; x < cw; x++) {
                v[y * cw + x] = (float) (wy * (0.5 - 0.5 * Math.cos(2 * Math.PI * x / Math.max(1, cw - 1))));
            }
        }
        window = Plane.of(v, cw, ch);
    }

    /**
     * @param luma the next frame's luma, {@code w * h} values
     * @return the motion from the frame before to this one ({@link Step#NONE} for the first frame); each frame is
     *         measured against a reference frame, renewed only when the picture has moved by an eighth of a cell, a
     *         4 % scale or 2 degrees, so the fraction of a pixel phase correlation gets wrong on noise is not added up
     *         frame after frame
     */
    Step next(float[] luma) {
        Plane[] cells = new Plane[GRID * GRID];
        float[] cell = new float[cw * ch];
        double[] texture = new double[GRID * GRID];
        for (int gy = 0; gy < GRID; gy++) {
            for (int gx = 0; gx < GRID; gx++) {
                int x0 = cellX[gy * GRID + gx], y0 = cellY[gy * GRID + gx];
                // the cell's Laplacian: edges and texture, without the brightness and the smooth gradients (a sky)
                // that a change of exposure or colour would otherwise move the correlation's peak with
                for (int y = 0; y < ch; y++) {
                    int row = (y0 + y) * w + x0, up = (y0 + Math.max(0, y - 1)) * w + x0,
                        down = (y0 + Math.min(ch - 1, y + 1)) * w + x0;
                    for (int x = 0; x < cw; x++) {
                        int left = Math.max(0, x - 1), right = Math.min(cw - 1, x + 1);
                        cell[y * cw + x] = 4 * luma[row + x] - luma[row + left] - luma[row + right] - luma[up + x]
                            - luma[down + x];
                    }
                }
                cells[gy * GRID + gx] = Plane.of(cell, cw, ch);
                double sum = 0, sum2 = 0;
                for (float v : cell) {
                    sum += v;
                    sum2 += v * v;
                }
                texture[gy * GRID + gx] = Math.sqrt(Math.max(0, sum2 / cell.length - (sum / cell.length)
                    * (sum / cell.length)));
            }
        }
        Step step = Step.NONE;
        if (reference == null) {
            reference = cells;
            return step;
        }
        {
            Plane[] previous = reference;
            // each cell's shift d at its centre p (relative to the picture's centre): d = t + (s - 1) p + r perp(p)
            double[] dx = new double[cells.length], dy = new double[cells.length];
            boolean[] sure = new boolean[cells.length];
            int n = 0;
            double[] response = new double[1];
            for (int i = 0; i < cells.length; i++) {
                try (Point2d d = phaseCorrelate(previous[i].mat(), cells[i].mat(), window.mat(), response)) {
                    dx[i] = d.x();
                    dy[i] = d.y();
                }
                // a flat cell (sky, a wall) has no peak to find: its shift is noise, and left out
                sure[i] = texture[i] >= MIN_TEXTURE && response[0] >= MIN_RESPONSE && Math.abs(dx[i]) < cw / 4.0
                    && Math.abs(dy[i]) < ch / 4.0;
                if (sure[i]) n++;
            }
            if (n > 0) {
                double tx = 0, ty = 0;
                for (int i = 0; i < cells.length; i++) {
                    if (!sure[i]) continue;
                    tx += dx[i] / n;
                    ty += dy[i] / n;
                }
                double div = 0, curl = 0, norm = 0;
                for (int i = 0; i < cells.length && n >= 3; i++) { // scale and roll need cells around the centre
                    if (!sure[i]) continue;
                    double ex = dx[i] - tx, ey = dy[i] - ty;
                    div += ex * px[i] + ey * py[i];
                    curl += ey * px[i] - ex * py[i];
                    norm += px[i] * px[i] + py[i] * py[i];
                }
                double scale = norm > 0 ? 1 + div / norm : 1;
                double roll = norm > 0 ? Math.toDegrees(Math.atan(curl / norm)) : 0;
                // where this frame stands: the reference's place and its motion from the reference
                double x = refX + tx / w, y = refY + ty / h, logScale = refLogScale + Math.log(scale),
                    turned = refRoll + roll;
                step = new Step(x - lastX, y - lastY, Math.exp(logScale - lastLogScale), turned - lastRoll);
                lastX = x;
                lastY = y;
                lastLogScale = logScale;
                lastRoll = turned;
                // a new reference once the picture has moved far enough for the cells to stop overlapping well
                if (Math.abs(tx) > cw / 8.0 || Math.abs(ty) > ch / 8.0 || Math.abs(scale - 1) > 0.04
                    || Math.abs(roll) > 2) {
                    for (Plane p : reference) p.close();
                    reference = cells;
                    refX = x;
                    refY = y;
                    refLogScale = logScale;
                    refRoll = turned;
                    return step;
                }
            } else {
                step = Step.NONE;
            }
        }
        for (Plane p : cells) p.close(); // measured against the reference, which stays
        return step;
    }

    @Override
    public void close() {
        if (reference != null) for (Plane p : reference) p.close();
        window.close();
    }
}
