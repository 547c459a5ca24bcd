package org.cinestack.media;

import java.nio.file.Path;

/** A still image a user hands Cinestack (a reference for a cast member or a set). */
public final class Still {
    private Still() {
    }

    /**
     * @param file a file that claims to be a still
     * @return true when it decodes as an image Java's image readers know (PNG, JPEG, GIF, BMP); a text file or
     *         anything else named .png is not one
     */
    public static boolean decodes(Path file) {
        try {
            return javax.imageio.ImageIO.read(file.toFile()) != null;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
