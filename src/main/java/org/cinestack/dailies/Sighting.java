package org.cinestack.dailies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cinestack.media.Faces;

/**
 * The faces seen in one still of a take and where the largest looks.
 *
 * <p>Faces are found with OpenCV's frontal and profile Haar cascades ({@link Faces}). The profile cascade finds faces
 * turned toward the left of the picture; the still mirrored, toward the right (measured on Megamind.avi: the
 * three-quarter faces it finds in the original look to picture left, those it finds mirrored to picture right). A face
 * in profile one way and not the other looks that way; otherwise a frontal face looks at the camera.
 *
 * @param still  the still's name ({@link Dailies#STILLS})
 * @param width  the still's width, pixels
 * @param height its height
 * @param faces  the faces' boxes {x, y, width, height}, largest first
 * @param gaze   where the largest face looks
 */
public record Sighting(String still, int width, int height, List<int[]> faces, Transition.Gaze gaze) {
    /**
     * Looks for faces in a still.
     *
     * @param name    the still's name
     * @param s       the still
     * @param front   the frontal faces found in it
     * @param profile a profile detector
     * @return what was seen
     */
    static Sighting of(String name, TakeMetrics.Still s, List<int[]> front, Faces profile) {
        byte[] mirrored = new byte[s.bgr().length];
        int w = s.width(), h = s.height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3, m = (y * w + (w - 1 - x)) * 3;
                mirrored[o] = s.bgr()[m];
                mirrored[o + 1] = s.bgr()[m + 1];
                mirrored[o + 2] = s.bgr()[m + 2];
            }
        }
        List<int[]> left = profile.detect(s.bgr(), w, h);
        List<int[]> right = new ArrayList<>();
        for (int[] b : profile.detect(mirrored, w, h)) right.add(new int[] {w - b[0] - b[2], b[1], b[2], b[3]});
        Transition.Gaze gaze = !left.isEmpty() && right.isEmpty() ? Transition.Gaze.LEFT
            : !right.isEmpty() && left.isEmpty() ? Transition.Gaze.RIGHT
            : !front.isEmpty() ? Transition.Gaze.FRONT : Transition.Gaze.UNSEEN;
        List<int[]> faces = new ArrayList<>(front.isEmpty() ? left.isEmpty() ? right : left : front);
        faces.sort(java.util.Comparator.comparingInt((int[] b) -> b[2] * b[3]).reversed());
        return new Sighting(name, w, h, List.copyOf(faces), gaze);
    }

    /**
     * What a still shows without looking for faces in profile: a frontal face looks at the camera.
     *
     * @param name  the still's name
     * @param s     the still
     * @param front the frontal faces found in it
     * @return what was seen
     */
    static Sighting frontal(String name, TakeMetrics.Still s, List<int[]> front) {
        return new Sighting(name, s.width(), s.height(), List.copyOf(front), front.isEmpty() ? Transition.Gaze.UNSEEN
            : Transition.Gaze.FRONT);
    }

    /** @return the largest face, when one was seen */
    public Optional<int[]> face() {
        return faces.isEmpty() ? Optional.empty() : Optional.of(faces.getFirst());
    }
}
