package org.cinestack.finish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;

/**
 * A {@code .cube} colour look-up table: a 1D table (three curves), a 3D table, or, in DaVinci Resolve's layout, a 1D
 * shaper followed by a 3D table. Read and written here; applied with linear interpolation (1D) and tetrahedral
 * interpolation (3D).
 * <p>
 * Format: Adobe "Cube LUT Specification 1.0" (2013; the Iridas dialect: {@code TITLE}, {@code LUT_1D_SIZE} or
 * {@code LUT_3D_SIZE}, {@code DOMAIN_MIN} and {@code DOMAIN_MAX} per channel) and Resolve's dialect (P. Chamberlain,
 * "LUT documentation", Blackmagic forum, 2015: {@code LUT_1D_INPUT_RANGE} and {@code LUT_3D_INPUT_RANGE}, one range for
 * all channels, and both tables in one file, the 1D first). Comments start with {@code #}; blank lines are ignored.
 * Data lines hold three numbers; in a 3D table red changes fastest, then green, then blue. {@code LUT_1D_INPUT_RANGE}
 * on a file without a 1D table is accepted and has no effect.
 * <p>
 * Tetrahedral interpolation: the cube cell around the input is split into six tetrahedra by the order of the three
 * fractional coordinates, and the output is the barycentric mix of the four corners of the one holding the input
 * (Kasson, Nin, Plouffe and Hafner, "Performing color space conversions with three-dimensional linear interpolation",
 * J. Electronic Imaging 4(3), 1995). Inputs outside the domain are clamped to it.
 *
 * @param title   the {@code TITLE}, or empty
 * @param shaper  the 1D table (applied first), if any
 * @param cube    the 3D table, if any
 */
public record CubeLut(String title, Optional<Table1D> shaper, Optional<Table3D> cube) {

    /**
     * Three curves sampled at {@code size} points over a per-channel domain.
     *
     * @param size   points per curve, 2..65536
     * @param values {@code size * 3} floats, r g b per point
     * @param min    domain start per channel
     * @param max    domain end per channel
     */
    public record Table1D(int size, float[] values, double[] min, double[] max) {
        /** @return channel {@code c} of an input value through its curve (linear interpolation, clamped) */
        public double apply(int c, double v) {
            double x = (v - min[c]) / (max[c] - min[c]) * (size - 1);
            if (!(x > 0)) return values[c];
            if (x >= size - 1) return values[(size - 1) * 3 + c];
            int i = (int) x;
            double f = x - i;
            return values[i * 3 + c] * (1 - f) + values[(i + 1) * 3 + c] * f;
        }
    }

    /**
     * A lattice of {@code size^3} colours over a per-channel domain.
     *
     * @param size   points per axis, 2..256
     * @param values {@code size^3 * 3} floats; point (r, g, b) at {@code ((b * size + g) * size + r) * 3}
     * @param min    domain start per channel
     * @param max    domain end per channel
     */
    public record Table3D(int size, float[] values, double[] min, double[] max) {
        /**
         * Applies the table to one colour, tetrahedral interpolation.
         *
         * @param rgb the colour, changed in place
         */
        public void apply(double[] rgb) {
            int n = size - 1;
            double x = clamp((rgb[0] - min[0]) / (max[0] - min[0]) * n, n);
            double y = clamp((rgb[1] - min[1]) / (max[1] - min[1]) * n, n);
            double z = clamp((rgb[2] - min[2]) / (max[2] - min[2]) * n, n);
            int r0 = Math.min((int) x, n - 1), g0 = Math.min((int) y, n - 1), b0 = Math.min((int) z, n - 1);
            double fr = x - r0, fg = y - g0, fb = z - b0;
            int sr = 3, sg = 3 * size, sb = 3 * size * size;
            int c000 = b0 * sb + g0 * sg + r0 * sr;
            int c111 = c000 + sr + sg + sb;
            // the tetrahedron: walk from c000 to c111 along the axes in decreasing order of the fractions
            int c1, c2;
            double w0, w1, w2, w3;
            if (fr > fg) {
                if (fg > fb) {          // r > g > b
                    c1 = c000 + sr; c2 = c1 + sg; w0 = 1 - fr; w1 = fr - fg; w2 = fg - fb; w3 = fb;
                } else if (fr > fb) {   // r > b >= g
                    c1 = c000 + sr; c2 = c1 + sb; w0 = 1 - fr; w1 = fr - fb; w2 = fb - fg; w3 = fg;
                } else {                // b >= r > g
                    c1 = c000 + sb; c2 = c1 + sr; w0 = 1 - fb; w1 = fb - fr; w2 = fr - fg; w3 = fg;
                }
            } else {
                if (fb > fg) {          // b > g >= r
                    c1 = c000 + sb; c2 = c1 + sg; w0 = 1 - fb; w1 = fb - fg; w2 = fg - fr; w3 = fr;
                } else if (fb > fr) {   // g >= b > r
                    c1 = c000 + sg; c2 = c1 + sb; w0 = 1 - fg; w1 = fg - fb; w2 = fb - fr; w3 = fr;
                } else {                // g >= r >= b
                    c1 = c000 + sg; c2 = c1 + sr; w0 = 1 - fg; w1 = fg - fr; w2 = fr - fb; w3 = fb;
                }
            }
            for (int c = 0; c < 3; c++) {
                rgb[c] = w0 * values[c000 + c] + w1 * values[c1 + c] + w2 * values[c2 + c] + w3 * values[c111 + c];
            }
        }

        private static double clamp(double v, int n) {
            return v > 0 ? (v < n ? v : n) : 0;
        }
    }

    /** @return a 3D identity table of this size over [0, 1] */
    public static CubeLut identity(int size) {
        float[] v = new float[size * size * size * 3];
        int i = 0;
        for (int b = 0; b < size; b++) {
            for (int g = 0; g < size; g++) {
                for (int r = 0; r < size; r++) {
                    v[i++] = r / (float) (size - 1);
                    v[i++] = g / (float) (size - 1);
                    v[i++] = b / (float) (size - 1);
                }
            }
        }
        return new CubeLut("identity", Optional.empty(), Optional.of(new Table3D(size, v, new double[] {0, 0, 0},
            new double[] {1, 1, 1})));
    }

    /**
     * Applies the LUT to one colour: the shaper, then the cube.
     *
     * @param rgb the colour, changed in place
     */
    public void apply(double[] rgb) {
        if (shaper.isPresent()) {
            Table1D s = shaper.get();
            for (int c = 0; c < 3; c++) rgb[c] = s.apply(c, rgb[c]);
        }
        cube.ifPresent(t -> t.apply(rgb));
    }

    /**
     * Applies the LUT to 8-bit RGB pixels (values / 255 in, output clamped to [0, 1] and rounded to the nearest code).
     *
     * @param rgb    packed r g b bytes, changed in place
     * @param pixels pixels to do, from the start
     */
    public void applyRgb24(byte[] rgb, int pixels) {
        Lut8.of(this).applyRgb24(rgb, pixels);
    }

    /**
     * Applies the LUT to 8-bit BGR pixels (OpenCV's and our decoders' order), as {@link #applyRgb24}.
     *
     * @param bgr    packed b g r bytes, changed in place
     * @param pixels pixels to do, from the start
     */
    public void applyBgr24(byte[] bgr, int pixels) {
        Lut8.of(this).applyBgr24(bgr, pixels);
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /**
     * Reads a {@code .cube} file.
     *
     * @param file the file
     * @return the LUT
     * @throws BadInputException naming the file and line when the file cannot be used
     */
    public static CubeLut read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw bad(file.toString(), 0, "is not a text file (a .cube LUT is text: TITLE, LUT_3D_SIZE, rows of "
                + "three numbers)");
        } catch (IOException e) {
            throw bad(file.toString(), 0, "cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * Parses {@code .cube} text.
     *
     * @param text the file's text
     * @param name the file's name, for messages
     * @return the LUT
     * @throws BadInputException naming the line when the text is not a LUT
     */
    public static CubeLut parse(String text, String name) {
        String title = "";
        int size1 = 0, size3 = 0;
        double[] min = {0, 0, 0}, max = {1, 1, 1};
        double[] min1 = null, max1 = null, min3 = null, max3 = null;
        List<float[]> rows = new ArrayList<>();
        List<Integer> rowLines = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int ln = 1; ln <= lines.length; ln++) {
            String line = lines[ln - 1].strip();
            if (ln == 1 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int hash = line.indexOf('#');
            if (hash > 0 && !line.startsWith("TITLE")) line = line.substring(0, hash).strip();
            String[] t = line.split("\\s+");
            String key = t[0];
            char first = key.charAt(0);
            if (Character.isDigit(first) || first == '-' || first == '+' || first == '.') {
                if (t.length != 3) throw bad(name, ln, "a data row needs three numbers (r g b); found " + t.length);
                float[] row = new float[3];
                for (int c = 0; c < 3; c++) row[c] = (float) number(t[c], name, ln);
                rows.add(row);
                rowLines.add(ln);
                continue;
            }
            if (!rows.isEmpty()) {
                throw bad(name, ln, (KEYWORDS.contains(key) ? "keyword " + key : "a line that is not a row of three "
                    + "numbers") + " after the data rows; keywords go before the table");
            }
            switch (key) {
                case "TITLE" -> {
                    String rest = line.substring(5).strip();
                    if (rest.length() >= 2 && rest.startsWith("\"") && rest.endsWith("\"")) {
                        rest = rest.substring(1, rest.length() - 1);
                    }
                    title = rest;
                }
                case "LUT_1D_SIZE" -> size1 = size(t, 2, 65536, name, ln);
                case "LUT_3D_SIZE" -> size3 = size(t, 2, 256, name, ln);
                case "DOMAIN_MIN" -> min = triple(t, name, ln);
                case "DOMAIN_MAX" -> max = triple(t, name, ln);
                case "LUT_1D_INPUT_RANGE" -> {
                    double[] r = pair(t, name, ln);
                    min1 = new double[] {r[0], r[0], r[0]};
                    max1 = new double[] {r[1], r[1], r[1]};
                }
                case "LUT_3D_INPUT_RANGE" -> {
                    double[] r = pair(t, name, ln);
                    min3 = new double[] {r[0], r[0], r[0]};
                    max3 = new double[] {r[1], r[1], r[1]};
                }
                // the line itself is not quoted: a file that is not a LUT may hold anything (a password file)
                default -> throw bad(name, ln, "this line is neither a .cube keyword nor a row of three numbers; a "
                    + ".cube file has TITLE, LUT_1D_SIZE, LUT_3D_SIZE, DOMAIN_MIN, DOMAIN_MAX, LUT_1D_INPUT_RANGE, "
                    + "LUT_3D_INPUT_RANGE, comments (#) and rows of three numbers: is this a .cube LUT?");
            }
        }
        if (size1 == 0 && size3 == 0) {
            throw bad(name, 1, "has neither LUT_1D_SIZE nor LUT_3D_SIZE; a .cube LUT says its size before the table");
        }
        for (int c = 0; c < 3; c++) {
            if (!(min[c] < max[c])) {
                throw bad(name, 0, "DOMAIN_MIN must be below DOMAIN_MAX in every channel (channel " + "rgb".charAt(c)
                    + ": " + min[c] + " >= " + max[c] + ")");
            }
        }
        for (double[][] range : new double[][][] {{min1, max1}, {min3, max3}}) {
            if (range[0] != null && !(range[0][0] < range[1][0])) {
                throw bad(name, 0, "an input range must go from low to high (" + range[0][0] + " to " + range[1][0]
                    + ")");
            }
        }
        long want = (long) size1 + (long) size3 * size3 * size3;
        if (rows.size() != want) {
            int at = rows.size() > want ? rowLines.get((int) want) : lines.length;
            throw bad(name, at, String.format(Locale.ROOT, "the table has %d rows; %s asks for %d%s", rows.size(),
                describe(size1, size3), want, rows.size() > want ? " (this row is one too many)"
                    : " (the file ends early: is it truncated?)"));
        }
        Optional<Table1D> shaper = Optional.empty();
        Optional<Table3D> cube = Optional.empty();
        if (size1 > 0) {
            float[] v = new float[size1 * 3];
            for (int i = 0; i < size1; i++) System.arraycopy(rows.get(i), 0, v, i * 3, 3);
            shaper = Optional.of(new Table1D(size1, v, min1 != null ? min1 : min.clone(), max1 != null ? max1
                : max.clone()));
        }
        if (size3 > 0) {
            int n = size3 * size3 * size3;
            float[] v = new float[n * 3];
            for (int i = 0; i < n; i++) System.arraycopy(rows.get(size1 + i), 0, v, i * 3, 3);
            double[] lo = min3 != null ? min3 : size1 > 0 ? new double[] {0, 0, 0} : min.clone();
            double[] hi = max3 != null ? max3 : size1 > 0 ? new double[] {1, 1, 1} : max.clone();
            cube = Optional.of(new Table3D(size3, v, lo, hi));
        }
        return new CubeLut(title, shaper, cube);
    }

    private static String describe(int size1, int size3) {
        if (size1 > 0 && size3 > 0) return "LUT_1D_SIZE " + size1 + " + LUT_3D_SIZE " + size3 + " (" + size3 + "^3)";
        return size1 > 0 ? "LUT_1D_SIZE " + size1 : "LUT_3D_SIZE " + size3 + " (" + size3 + "^3)";
    }

    private static int size(String[] t, int lo, int hi, String name, int ln) {
        if (t.length != 2) throw bad(name, ln, t[0] + " takes one whole number");
        int n;
        try {
            n = Integer.parseInt(t[1]);
        } catch (NumberFormatException e) {
            throw bad(name, ln, t[0] + " must be a whole number; found '" + t[1] + "'");
        }
        if (n < lo || n > hi) throw bad(name, ln, t[0] + " " + n + " is out of range; allowed " + lo + ".." + hi);
        return n;
    }

    private static double[] triple(String[] t, String name, int ln) {
        if (t.length != 4) throw bad(name, ln, t[0] + " takes three numbers (r g b)");
        return new double[] {number(t[1], name, ln), number(t[2], name, ln), number(t[3], name, ln)};
    }

    private static double[] pair(String[] t, String name, int ln) {
        if (t.length != 3) throw bad(name, ln, t[0] + " takes two numbers (low high)");
        return new double[] {number(t[1], name, ln), number(t[2], name, ln)};
    }

    private static double number(String s, String name, int ln) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw bad(name, ln, "a value of this row is not a number (a row of a .cube table is three numbers, "
                + "for example 0.5 0.25 1)");
        }
    }

    /** The keywords of the .cube format (Adobe's Cube LUT Specification 1.0 and Resolve's input ranges). */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("TITLE", "LUT_1D_SIZE", "LUT_3D_SIZE",
        "DOMAIN_MIN", "DOMAIN_MAX", "LUT_1D_INPUT_RANGE", "LUT_3D_INPUT_RANGE");

    private static BadInputException bad(String name, int line, String message) {
        return new BadInputException(List.of(new Problem(name, line, 0, message)));
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /**
     * The LUT as {@code .cube} text: Iridas keywords ({@code DOMAIN_MIN/MAX}) for a single table, Resolve's
     * ({@code LUT_1D_INPUT_RANGE}, {@code LUT_3D_INPUT_RANGE}) for a shaper and a cube, whose ranges must then be the
     * same for the three channels. Numbers are written with enough digits to read back the same floats.
     *
     * @return the text, lines ending in {@code \n}
     * @throws IllegalArgumentException when a shaper and cube have per-channel domains, which Resolve cannot say
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (!title.isEmpty()) sb.append("TITLE \"").append(title.replace("\"", "'")).append("\"\n");
        boolean both = shaper.isPresent() && cube.isPresent();
        if (both) {
            Table1D s = shaper.get();
            Table3D c = cube.get();
            sb.append("LUT_1D_SIZE ").append(s.size()).append('\n');
            sb.append("LUT_1D_INPUT_RANGE ").append(num(uniform(s.min()))).append(' ').append(num(uniform(s.max())))
                .append('\n');
            sb.append("LUT_3D_SIZE ").append(c.size()).append('\n');
            sb.append("LUT_3D_INPUT_RANGE ").append(num(uniform(c.min()))).append(' ').append(num(uniform(c.max())))
                .append('\n');
        } else {
            int size = shaper.map(Table1D::size).orElseGet(() -> cube.orElseThrow().size());
            double[] lo = shaper.map(Table1D::min).orElseGet(() -> cube.orElseThrow().min());
            double[] hi = shaper.map(Table1D::max).orElseGet(() -> cube.orElseThrow().max());
            sb.append(shaper.isPresent() ? "LUT_1D_SIZE " : "LUT_3D_SIZE ").append(size).append('\n');
            if (!(lo[0] == 0 && lo[1] == 0 && lo[2] == 0 && hi[0] == 1 && hi[1] == 1 && hi[2] == 1)) {
                sb.append("DOMAIN_MIN ").append(num(lo[0])).append(' ').append(num(lo[1])).append(' ')
                    .append(num(lo[2])).append('\n');
                sb.append("DOMAIN_MAX ").append(num(hi[0])).append(' ').append(num(hi[1])).append(' ')
                    .append(num(hi[2])).append('\n');
            }
        }
        shaper.ifPresent(s -> rows(sb, s.values()));
        cube.ifPresent(c -> rows(sb, c.values()));
        return sb.toString();
    }

    /**
     * Writes the LUT ({@link #text()}).
     *
     * @param file where
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }

    private static double uniform(double[] v) {
        if (v[0] != v[1] || v[1] != v[2]) {
            throw new IllegalArgumentException("a Resolve .cube with a shaper and a cube has one input range for all "
                + "channels; this one differs per channel");
        }
        return v[0];
    }

    private static void rows(StringBuilder sb, float[] v) {
        for (int i = 0; i < v.length; i += 3) {
            sb.append(num(v[i])).append(' ').append(num(v[i + 1])).append(' ').append(num(v[i + 2])).append('\n');
        }
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v) + ".0";
        return Float.toString((float) v).replace("E", "e");
    }
}
