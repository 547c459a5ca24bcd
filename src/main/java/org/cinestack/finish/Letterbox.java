package org.cinestack.finish;

/**
 * Places a picture in the centre of a larger delivery frame on black: letterbox (bars above and below) or pillarbox
 * (bars left and right). Works on BGR24 buffers; the bars are written once and stay black.
 */
public final class Letterbox {
    private Letterbox() {
    }

    /**
     * @param picture  BGR24 picture, {@code pw x ph}
     * @param pw       picture width
     * @param ph       picture height
     * @param frame    BGR24 delivery frame, {@code fw x fh}, whose bars are already black
     * @param fw       frame width, &gt;= pw
     * @param fh       frame height, &gt;= ph
     */
    public static void place(byte[] picture, int pw, int ph, byte[] frame, int fw, int fh) {
        int x0 = (fw - pw) / 2, y0 = (fh - ph) / 2;
        for (int y = 0; y < ph; y++) {
            System.arraycopy(picture, y * pw * 3, frame, ((y0 + y) * fw + x0) * 3, pw * 3);
        }
    }

    /** @return {x, y} of the picture's top-left corner in the frame */
    public static int[] origin(int pw, int ph, int fw, int fh) {
        return new int[] {(fw - pw) / 2, (fh - ph) / 2};
    }
}
