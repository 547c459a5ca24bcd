package org.cinestack.media;

import java.util.List;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_face.LBPHFaceRecognizer;

/**
 * Which of several known people a face looks most like: OpenCV's local binary pattern histogram recogniser (LBPH;
 * Ahonen, Hadid and Pietikainen, "Face description with local binary patterns", IEEE TPAMI 28(12), 2006: radius 1,
 * 8 neighbours, an 8 x 8 grid, chi-square distance) trained on face crops labelled by person. Faces are compared as
 * {@value #CROP} x {@value #CROP} grey crops, histogram-equalised ({@link #crop}); each known face is learned with its
 * mirror image too, so the side a key light comes from does not pass for a person.
 */
public final class FaceLikeness implements AutoCloseable {
    /** The side of a face crop, pixels. */
    public static final int CROP = 96;
    private final LBPHFaceRecognizer recogniser;

    /**
     * Trains on labelled faces.
     *
     * @param crops  face crops ({@link #crop}), at least one
     * @param labels each crop's person, 0 or more
     * @throws IllegalArgumentException when there are no crops or the lists differ in length
     */
    public FaceLikeness(List<byte[]> crops, List<Integer> labels) {
        if (crops.isEmpty() || crops.size() != labels.size()) {
            throw new IllegalArgumentException("one label per face crop, at least one");
        }
        recogniser = LBPHFaceRecognizer.create(1, 8, 8, 8, Double.MAX_VALUE);
        try (PointerScope scope = new PointerScope()) {
            // each face is learned with its mirror image: a face is near mirror-symmetric and a key light is not, so
            // a person lit from the other side is not taken for whoever was lit from that side before (without it
            // the example film's Mara, keyed from camera right, was taken for Tomas, keyed from the right, 9 of 9)
            MatVector images = new MatVector(2L * crops.size());
            Mat l = new Mat(2 * crops.size(), 1, opencv_core.CV_32SC1);
            for (int i = 0; i < crops.size(); i++) {
                Mat face = mat(crops.get(i)), mirror = new Mat();
                opencv_core.flip(face, mirror, 1);
                images.put(2L * i, face);
                images.put(2L * i + 1, mirror);
                l.ptr(2 * i).putInt(labels.get(i));
                l.ptr(2 * i + 1).putInt(labels.get(i));
            }
            recogniser.train(images, l);
        }
    }

    /**
     * @param crop a face crop
     * @return {label, distance}: the person it looks most like and the chi-square distance to them (lower: nearer)
     */
    public double[] nearest(byte[] crop) {
        try (PointerScope scope = new PointerScope()) {
            int[] label = new int[1];
            double[] distance = new double[1];
            recogniser.predict(mat(crop), label, distance);
            return new double[] {label[0], distance[0]};
        }
    }

    private static Mat mat(byte[] crop) {
        Mat m = new Mat(CROP, CROP, opencv_core.CV_8UC1);
        m.data().capacity((long) CROP * CROP).put(crop, 0, CROP * CROP);
        return m;
    }

    /**
     * Cuts a face out of a picture for comparison.
     *
     * @param bgr    BGR24 picture
     * @param width  its width
     * @param height its height
     * @param box    the face {x, y, width, height}, clipped to the picture
     * @return the face, {@value #CROP} x {@value #CROP} grey bytes, histogram-equalised
     */
    public static byte[] crop(byte[] bgr, int width, int height, int[] box) {
        int x = Math.max(0, box[0]), y = Math.max(0, box[1]);
        int w = Math.max(1, Math.min(width - x, box[2])), h = Math.max(1, Math.min(height - y, box[3]));
        try (PointerScope scope = new PointerScope()) {
            Mat picture = new Mat(height, width, opencv_core.CV_8UC3), grey = new Mat(), small = new Mat();
            picture.data().capacity((long) width * height * 3).put(bgr, 0, width * height * 3);
            opencv_imgproc.cvtColor(new Mat(picture, new Rect(x, y, w, h)), grey, opencv_imgproc.COLOR_BGR2GRAY);
            opencv_imgproc.resize(grey, small, new Size(CROP, CROP), 0, 0, opencv_imgproc.INTER_AREA);
            opencv_imgproc.equalizeHist(small, small);
            byte[] out = new byte[CROP * CROP];
            small.data().capacity((long) CROP * CROP).get(out);
            return out;
        }
    }

    @Override
    public void close() {
        recogniser.close();
    }
}
