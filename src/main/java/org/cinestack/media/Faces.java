package org.cinestack.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Frontal faces in a picture, found with OpenCV's Haar cascade {@code haarcascade_frontalface_alt2.xml} (Viola and
 * Jones, "Rapid object detection using a boosted cascade of simple features", CVPR 2001; Lienhart and Maydt's
 * extended features, ICIP 2002), the file bytedeco's OpenCV jar ships. The picture is brought down to at most
 * {@link #WORK_HEIGHT} lines, made grey and histogram-equalised before detection; boxes come back in the picture's
 * own pixels. One instance per thread (OpenCV's classifier is not shared safely).
 */
public final class Faces implements AutoCloseable {
    /** Lines the picture is scaled to before detection (faces smaller than about 1/15 of it are not looked for). */
    public static final int WORK_HEIGHT = 360;
    private static final String CASCADES = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/";
    private final CascadeClassifier classifier;
    private final int workHeight;

    /** Which faces a detector finds. */
    public enum Pose {
        /** Faces toward the camera: {@code haarcascade_frontalface_alt2.xml}. */
        FRONTAL("haarcascades/haarcascade_frontalface_alt2.xml"),
        /**
         * Faces toward the camera, found faster and less surely: {@code lbpcascade_frontalface_improved.xml} (local
         * binary pattern features; Liao, Zhu, Lei, Zhang and Li, ICB 2007).
         */
        FRONTAL_FAST("lbpcascades/lbpcascade_frontalface_improved.xml"),
        /**
         * Faces in profile, looking toward one side of the picture: {@code haarcascade_profileface.xml} (mirror the
         * picture to find the other side).
         */
        PROFILE("haarcascades/haarcascade_profileface.xml"),
        /** Faces in profile toward the left of the picture, found faster: {@code lbpcascade_profileface.xml}. */
        PROFILE_FAST("lbpcascades/lbpcascade_profileface.xml");

        private final String file;

        Pose(String file) {
            this.file = file;
        }
    }

    /**
     * Loads the frontal cascade.
     *
     * @throws MediaException when the cascade is missing from the class path or does not load
     */
    public Faces() {
        this(Pose.FRONTAL, WORK_HEIGHT);
    }

    /**
     * Loads a cascade.
     *
     * @param pose       the faces to find
     * @param workHeight lines the picture is brought down to before detection (faces under about 1/15 of this, and
     *                   never under 20 lines, are not looked for); {@link #WORK_HEIGHT} by default
     * @throws MediaException when the cascade is missing from the class path or does not load
     */
    public Faces(Pose pose, int workHeight) {
        this.workHeight = workHeight;
        String cascade = CASCADES + pose.file;
        Path file;
        try (InputStream in = Faces.class.getResourceAsStream(cascade)) {
            if (in == null) throw new MediaException("OpenCV's face cascade " + cascade + " is not on the class "
                + "path; Cinestack needs bytedeco's opencv jar for linux-x86_64 (see pom.xml)", null);
            file = Files.createTempFile("cinestack-faces", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MediaException("cannot unpack OpenCV's face cascade: " + e.getMessage(), e);
        }
        try {
            classifier = new CascadeClassifier(file.toString());
            if (classifier.empty()) throw new MediaException("OpenCV could not load its face cascade", null);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    /**
     * @param bgr    BGR24 picture, rows top to bottom
     * @param width  picture width
     * @param height picture height
     * @return the faces' boxes {x, y, width, height} in picture pixels, largest first; empty when none
     */
    public List<int[]> detect(byte[] bgr, int width, int height) {
        double scale = Math.min(1.0, (double) workHeight / height);
        // every native object made here (matrices, sizes, rectangles) is released when the scope closes
        try (PointerScope scope = new PointerScope()) {
            Mat picture = new Mat(height, width, opencv_core.CV_8UC3), grey = new Mat(), small = new Mat();
            RectVector found = new RectVector();
            picture.data().capacity((long) width * height * 3).put(bgr, 0, width * height * 3);
            opencv_imgproc.cvtColor(picture, grey, opencv_imgproc.COLOR_BGR2GRAY);
            if (scale < 1) {
                opencv_imgproc.resize(grey, small, new Size((int) Math.round(width * scale),
                    (int) Math.round(height * scale)), 0, 0, opencv_imgproc.INTER_AREA);
            } else {
                grey.copyTo(small);
            }
            opencv_imgproc.equalizeHist(small, small);
            int min = Math.max(20, small.rows() / 15);
            classifier.detectMultiScale(small, found, 1.1, 4, 0, new Size(min, min), new Size());
            List<int[]> out = new ArrayList<>();
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                out.add(new int[] {(int) Math.round(r.x() / scale), (int) Math.round(r.y() / scale),
                    (int) Math.round(r.width() / scale), (int) Math.round(r.height() / scale)});
            }
            out.sort(Comparator.comparingInt((int[] b) -> b[2] * b[3]).reversed());
            return out;
        }
    }

    @Override
    public void close() {
        classifier.close();
    }
}
