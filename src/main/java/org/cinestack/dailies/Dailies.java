package org.cinestack.dailies;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.media.FaceLikeness;
import org.cinestack.media.Faces;
import org.cinestack.media.Staging;

/**
 * The dailies of one take: its metrics and its defects against the move its shot asked for, kept in {@code qa.json}
 * beside its {@code take.json} with three stills ({@link #STILLS}: its first, middle and last frame, searched for
 * faces at up to {@value TakeMetrics#STILL_WIDTH} pixels wide and kept at up to {@value #JPEG_WIDTH}), and measured
 * again only when the take's media, its move or the rules change.
 */
public final class Dailies {
    /** Changes when the metrics or the rules change, so every take is measured again. */
    static final String VERSION = "dailies-5";
    /** The stills kept beside qa.json: the first, middle and last frame, JPEG at most 480 pixels wide. */
    public static final List<String> STILLS = List.of("still-first.jpg", "still-middle.jpg", "still-last.jpg");
    /** The face crops kept beside qa.json, for likeness across takes ({@link #faces}). */
    public static final String FACES = "faces.png";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /**
     * Lines a still is searched for faces at: faces from 20 lines up, about 3.7 % of the picture's height, so a wide
     * shot's (its head about 5 % of the height) can be found.
     */
    static final int FACE_LINES = 540;
    /**
     * Lines faces are searched at in the frames sampled for likeness between the stills (faces from 20 lines, 7.4 % of
     * the height: close enough to compare).
     */
    static final int SMALL_LINES = 270;
    /** Lines a still's face is searched in profile at, for where it looks (faces from 10 % of the height: at a cut). */
    static final int PROFILE_LINES = 200;
    /**
     * Per thread (OpenCV's classifiers are not shared across threads): frontal faces at {@value #FACE_LINES} lines for
     * the stills' framing, in profile at {@value #PROFILE_LINES} for gaze, frontal at {@value #SMALL_LINES} for
     * likeness.
     */
    /**
     * The thread faces are searched on, beside the pass that decodes (one, shared: its detectors are loaded once and
     * OpenCV's search spreads over the cores itself).
     */
    private static final java.util.concurrent.ExecutorService FACE_THREAD =
        java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cinestack-faces");
            t.setDaemon(true);
            return t;
        });
    private static final ThreadLocal<Faces[]> DETECTORS = ThreadLocal.withInitial(() -> new Faces[] {
        new Faces(Faces.Pose.FRONTAL, FACE_LINES), new Faces(Faces.Pose.PROFILE, PROFILE_LINES),
        new Faces(Faces.Pose.FRONTAL, SMALL_LINES)});

    private Dailies() {
    }

    /**
     * What the dailies found of one take.
     *
     * @param metrics   what was measured
     * @param sightings the faces in each still ({@link #STILLS}), in order
     * @param defects   every defect, major first
     * @param cached    true when read from {@code qa.json}, not measured now
     * @param sound     the loudness of the take's own sound, or null when it has none
     */
    public record Verdict(TakeMetrics metrics, List<Sighting> sightings, List<Defect> defects, boolean cached,
                          TakeSound sound) {
        /** A verdict of a take without sound of its own. */
        public Verdict(TakeMetrics metrics, List<Sighting> sightings, List<Defect> defects, boolean cached) {
            this(metrics, sightings, defects, cached, null);
        }

        /** @return where the face looks at the take's start (its first still) */
        public Transition.Gaze gazeOpening() {
            return sightings.isEmpty() ? Transition.Gaze.UNSEEN : sightings.getFirst().gaze();
        }

        /** @return where the face looks at the take's end (its last still) */
        public Transition.Gaze gazeClosing() {
            return sightings.isEmpty() ? Transition.Gaze.UNSEEN : sightings.getLast().gaze();
        }

        /** @return true when a defect is major: the take did not get what its shot asked for */
        public boolean rejected() {
            return defects.stream().anyMatch(d -> d.severity() == Defect.Severity.MAJOR);
        }

        /** @return 0..100 ({@link Rules#score}) */
        public int score() {
            return Rules.score(defects);
        }

        /** @return the mean variance of the Laplacian of its luma, the tie-break between equal scores */
        public double sharpness() {
            return metrics.sharpness();
        }
    }

    /**
     * Measures a take, or reads what was measured of it.
     *
     * @param folder      the take's folder ({@code take.mp4}; {@code qa.json} and the stills are written there)
     * @param mediaDigest the SHA-256 of its {@code take.mp4}, as its take.json records it
     * @param expected    what its shot asked for
     * @param fps         its frame rate
     * @param frames      its frames, as its take.json records them (where its middle and last stills are)
     * @return the verdict
     * @throws IOException when qa.json or a still cannot be written
     * @throws org.cinestack.media.MediaException when the take cannot be decoded
     */
    public static Verdict of(Path folder, String mediaDigest, Expected expected, double fps, long frames)
        throws IOException {
        return of(folder, mediaDigest, expected, fps, frames, Optional::empty);
    }

    /**
     * Measures a take with its own sound, or reads what was measured of it.
     *
     * @param folder      the take's folder ({@code take.mp4}; {@code qa.json} and the stills are written there)
     * @param mediaDigest the SHA-256 of its {@code take.mp4}, as its take.json records it
     * @param expected    what its shot asked for
     * @param fps         its frame rate
     * @param frames      its frames, as its take.json records them
     * @param sound       measures the take's own sound (asked only when the take is measured, not when its qa.json is
     *                    read); empty for a take without sound
     * @return the verdict
     * @throws IOException when qa.json or a still cannot be written
     * @throws org.cinestack.media.MediaException when the take cannot be decoded
     */
    public static Verdict of(Path folder, String mediaDigest, Expected expected, double fps, long frames,
                             java.util.function.Supplier<Optional<TakeSound>> sound) throws IOException {
        Path qa = folder.resolve("qa.json");
        if (Files.isRegularFile(qa) && STILLS.stream().allMatch(s -> Files.isRegularFile(folder.resolve(s)))) {
            try {
                JsonNode n = JSON.readTree(qa.toFile());
                if (VERSION.equals(n.path("version").asString()) && mediaDigest.equals(n.path("mediaDigest")
                    .asString()) && expected.key().equals(n.path("expected").asString())
                    && (n.path("faceCrops").asInt() == 0 || faces(folder).size() == n.path("faceCrops").asInt())) {
                    List<Defect> defects = new ArrayList<>();
                    for (JsonNode d : n.path("defects")) {
                        defects.add(new Defect(d.path("metric").asString(), Defect.Severity.valueOf(
                            d.path("severity").asString()), d.path("words").asString()));
                    }
                    List<Sighting> sightings = new ArrayList<>();
                    for (JsonNode x : n.path("sightings")) sightings.add(JSON.treeToValue(x, Sighting.class));
                    return new Verdict(JSON.treeToValue(n.path("metrics"), TakeMetrics.class), List.copyOf(sightings),
                        List.copyOf(defects), true, n.path("sound").isObject() ? JSON.treeToValue(n.path("sound"),
                        TakeSound.class) : null);
                }
            } catch (RuntimeException e) {
                // a damaged qa.json is measured again
            }
        }
        Measured measured = measured(folder.resolve("take.mp4"), fps, expected, frames);
        for (int i = 0; i < measured.stills().size() && i < STILLS.size(); i++) {
            Staging.writeBytes(folder.resolve(STILLS.get(i)), jpeg(measured.stills().get(i)));
        }
        Files.deleteIfExists(folder.resolve(FACES));
        if (!measured.faces().isEmpty()) Staging.writeBytes(folder.resolve(FACES), png(measured.faces()));
        TakeMetrics m = measured.verdict().metrics();
        List<Sighting> sightings = measured.verdict().sightings();
        TakeSound heard = sound.get().orElse(null);
        List<Defect> defects = new ArrayList<>(measured.verdict().defects());
        if (heard != null) defects.addAll(heard.defects());
        defects = List.copyOf(defects);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", VERSION);
        out.put("mediaDigest", mediaDigest);
        out.put("expected", expected.key());
        out.put("move", expected.move());
        out.put("units", Map.of("motion", "fractions of the frame over the take (right and down positive)",
            "flicker", "8-bit code values", "sharpness", "variance of the Laplacian of luma",
            "colourDrift", "CIEDE2000", "clipped", "% of pixels", "sound",
            "LUFS, LU and dBTP (ITU-R BS.1770-4, EBU Tech 3342)"));
        out.put("metrics", m);
        out.put("sightings", sightings);
        if (heard != null) out.put("sound", heard);
        out.put("faceCrops", measured.faces().size());
        out.put("defects", defects);
        out.put("score", Rules.score(defects));
        out.put("rejected", defects.stream().anyMatch(d -> d.severity() == Defect.Severity.MAJOR));
        Staging.writeString(qa, JSON.writeValueAsString(out));
        return new Verdict(m, sightings, defects, false, heard);
    }

    /**
     * A clip measured and judged, with its stills.
     *
     * @param verdict what the dailies found
     * @param stills  its first, middle and last frame
     * @param cuts    each cut inside it judged by its five elements (footage edited elsewhere)
     * @param faces   the largest frontal face of each of its {@value #SAMPLES} samples, as crops for likeness
     */
    public record Measured(Verdict verdict, List<TakeMetrics.Still> stills, List<Transition> cuts,
                           List<byte[]> faces) {
    }

    /**
     * Measures and judges any clip (footage from elsewhere), nothing written.
     *
     * @param clip     the clip
     * @param fps      its frame rate
     * @param frames   its frames as its container declares them (where its middle and last stills are; a number past
     *                 the end keeps the last frame)
     * @param expected what it should show
     * @return the verdict and the stills
     * @throws org.cinestack.media.MediaException when it cannot be decoded
     */
    public static Measured measure(Path clip, double fps, long frames, Expected expected) {
        Measured m = measured(clip, fps, expected, frames);
        List<TakeMetrics.Cut> cuts = m.verdict().metrics().cuts();
        if (cuts.isEmpty()) return m;
        // the frames either side of each cut, for where the faces look
        int[] at = new int[cuts.size() * 2];
        for (int i = 0; i < cuts.size(); i++) {
            at[2 * i] = cuts.get(i).frame() - 1;
            at[2 * i + 1] = cuts.get(i).frame();
        }
        List<TakeMetrics.Still> sides = new ArrayList<>();
        TakeMetrics.measure(clip, fps, at, sides);
        Faces[] detectors = DETECTORS.get();
        List<Transition> judged = new ArrayList<>();
        for (int i = 0; i < cuts.size() && 2 * i + 1 < sides.size(); i++) {
            TakeMetrics.Cut c = cuts.get(i);
            TakeMetrics.Still before = sides.get(2 * i), after = sides.get(2 * i + 1);
            Transition.Gaze out = Sighting.of("before", before, detectors[0].detect(before.bgr(), before.width(),
                before.height()), detectors[1]).gaze();
            Transition.Gaze in = Sighting.of("after", after, detectors[0].detect(after.bgr(), after.width(),
                after.height()), detectors[1]).gaze();
            judged.add(Transition.judge("frame " + (c.frame() - 1), "frame " + c.frame(), c.before(), c.after(),
                out, in, false));
        }
        return new Measured(m.verdict(), m.stills(), List.copyOf(judged), m.faces());
    }

    /** Frames a take is sampled at for faces, evenly from its first to its last; the stills are the first, middle and last. */
    static final int SAMPLES = 9;

    private static Measured measured(Path clip, double fps, Expected expected, long frames) {
        int n = (int) Math.max(1, frames);
        int[] at = new int[SAMPLES];
        for (int k = 0; k < SAMPLES; k++) at[k] = (int) Math.round((double) k * (n - 1) / (SAMPLES - 1));
        // each sample is searched for faces on the faces' thread while the pass decodes the next frames
        List<java.util.concurrent.Future<Sample>> work = new ArrayList<>();
        TakeMetrics m = TakeMetrics.measure(clip, fps, at, s -> {
            int k = work.size();
            work.add(FACE_THREAD.submit(() -> sample(k, s)));
        });
        List<TakeMetrics.Still> stills = new ArrayList<>();
        List<Sighting> sightings = new ArrayList<>();
        List<byte[]> faces = new ArrayList<>();
        for (java.util.concurrent.Future<Sample> f : work) {
            Sample s;
            try {
                s = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the faces were searched", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            }
            if (s.sighting() != null) {
                stills.add(s.still());
                sightings.add(s.sighting());
            }
            if (s.crop() != null) faces.add(s.crop());
        }
        List<Defect> defects = new ArrayList<>(Rules.judge(m, expected.move()));
        defects.addAll(Rules.framing(sightings, expected));
        defects.sort(java.util.Comparator.comparing(Defect::severity));
        return new Measured(new Verdict(m, List.copyOf(sightings), List.copyOf(defects), false), List.copyOf(stills),
            List.of(), List.copyOf(faces));
    }

    /** What one sample gave: a still with its sighting (every {@code (SAMPLES - 1) / 2}th), and a face crop. */
    private record Sample(TakeMetrics.Still still, Sighting sighting, byte[] crop) {
    }

    /**
     * Searches a sample for faces: a still (the first, middle and last sample) frontally at {@value #FACE_LINES} lines
     * for its framing and, the first and last, in profile for where the face looks; the others frontally at
     * {@value #SMALL_LINES} lines, for likeness only.
     */
    private static Sample sample(int k, TakeMetrics.Still s) {
        Faces[] detectors = DETECTORS.get();
        int every = (SAMPLES - 1) / 2;
        if (k % every == 0 && k / every < STILLS.size()) {
            List<int[]> found = detectors[0].detect(s.bgr(), s.width(), s.height());
            boolean end = k == 0 || k == SAMPLES - 1;
            Sighting sighting = end ? Sighting.of(STILLS.get(k / every), s, found, detectors[1])
                : Sighting.frontal(STILLS.get(k / every), s, found);
            return new Sample(s, sighting, found.isEmpty() ? null
                : FaceLikeness.crop(s.bgr(), s.width(), s.height(), found.getFirst()));
        }
        List<int[]> found = detectors[2].detect(s.bgr(), s.width(), s.height());
        return new Sample(s, null, found.isEmpty() ? null
            : FaceLikeness.crop(s.bgr(), s.width(), s.height(), found.getFirst()));
    }

    /**
     * @param folder a take's folder
     * @return the face crops its dailies kept ({@code faces.png}: {@link FaceLikeness#CROP}-pixel squares one under
     *         the other), empty when none were seen or the file is unreadable
     */
    public static List<byte[]> faces(Path folder) {
        Path f = folder.resolve(FACES);
        List<byte[]> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) return out;
        try {
            BufferedImage img = ImageIO.read(f.toFile());
            int c = FaceLikeness.CROP;
            if (img == null || img.getWidth() != c || img.getHeight() % c != 0) return out;
            for (int k = 0; k < img.getHeight() / c; k++) {
                byte[] crop = new byte[c * c];
                img.getRaster().getDataElements(0, k * c, c, c, crop);
                out.add(crop);
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** @return the face crops as one grey PNG, one under the other */
    private static byte[] png(List<byte[]> crops) throws IOException {
        int c = FaceLikeness.CROP;
        BufferedImage img = new BufferedImage(c, c * crops.size(), BufferedImage.TYPE_BYTE_GRAY);
        for (int k = 0; k < crops.size(); k++) img.getRaster().setDataElements(0, k * c, c, c, crops.get(k));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "png", b);
        return b.toByteArray();
    }

    /** The widest still written as JPEG, pixels. */
    static final int JPEG_WIDTH = 480;

    /** @return a still as JPEG bytes, brought down to at most {@value #JPEG_WIDTH} pixels wide */
    static byte[] jpeg(TakeMetrics.Still s) throws IOException {
        int f = Math.max(1, (s.width() + JPEG_WIDTH - 1) / JPEG_WIDTH);
        int w = Math.max(1, s.width() / f), h = Math.max(1, s.height() / f);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int yy = y * f; yy < (y + 1) * f; yy++) {
                        for (int xx = x * f; xx < (x + 1) * f; xx++) sum += s.bgr()[(yy * s.width() + xx) * 3 + c] & 255;
                    }
                    px[(y * w + x) * 3 + c] = (byte) ((sum + f * f / 2) / (f * f));
                }
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", b);
        return b.toByteArray();
    }
}
