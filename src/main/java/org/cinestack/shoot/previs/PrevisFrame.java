package org.cinestack.shoot.previs;

/**
 * One rendered previs frame and its passes. Buffers are reused frame after frame; copy what you keep.
 *
 * <ul>
 *   <li>{@link #bgr}: picture, 8-bit BGR interleaved, {@code width * height * 3} bytes, Rec.709 display-referred;</li>
 *   <li>{@link #depth}: depth pass, 8-bit, {@code 255 * min(1, 0.5 m / depth)} (inverse depth: near is white,
 *       the sky is black);</li>
 *   <li>{@link #mask}: object ids: 0 set, 1 the subject's head, 2 the rest of the subject, 3 another figure;</li>
 *   <li>{@link #subjectBox} and {@link #headBox}: {x, y, width, height} in pixels measured from the mask,
 *       all zero when not in frame.</li>
 * </ul>
 */
public final class PrevisFrame {
    /** Mask id of the subject's head. */
    public static final byte HEAD = 1;
    /** Mask id of the subject's body (or the whole of a prop or structure subject). */
    public static final byte SUBJECT = 2;
    /** Mask id of other figures. */
    public static final byte OTHER = 3;

    /** Picture width, pixels. */
    public final int width;
    /** Picture height, pixels. */
    public final int height;
    /** Picture, BGR24. */
    public final byte[] bgr;
    /** Depth pass, gray8. */
    public final byte[] depth;
    /** Object-id mask. */
    public final byte[] mask;
    /** Subject bounding box {x, y, w, h}. */
    public final int[] subjectBox = new int[4];
    /** Subject's head bounding box {x, y, w, h}. */
    public final int[] headBox = new int[4];

    /**
     * @param width  picture width, pixels, &gt; 0
     * @param height picture height, pixels, &gt; 0
     */
    public PrevisFrame(int width, int height) {
        this.width = width;
        this.height = height;
        this.bgr = new byte[width * height * 3];
        this.depth = new byte[width * height];
        this.mask = new byte[width * height];
    }
}
