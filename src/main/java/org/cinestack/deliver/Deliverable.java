package org.cinestack.deliver;

import java.util.List;
import java.util.Locale;

import org.cinestack.media.VideoWriter;

/**
 * A version of the film for delivery, besides the master: its frame, its encoder and container, whether it carries the
 * film's watermark and the files it is made of. The names are film.yaml's {@code deliver} values
 * ({@code film.Film.DELIVERABLES}).
 */
public enum Deliverable {
    /** H.264 within 1920x1080 at the master's aspect, for the web; watermarked. */
    WEB(false, true, Master.WEB),
    /** ProRes 422 HQ at the master's size, 24-bit PCM, in QuickTime: for an editor or a colourist. */
    PRORES(false, false, VideoWriter.Settings.PRORES_HQ),
    /** 1080x1920, a window of the picture's height following the subject, with its crop path; watermarked. */
    VERTICAL(true, true, VideoWriter.Settings.MASTER),
    /** 1080x1080, as the vertical; watermarked. */
    SQUARE(true, true, VideoWriter.Settings.MASTER);

    private final boolean reframed, watermarked;
    private final VideoWriter.Settings settings;

    Deliverable(boolean reframed, boolean watermarked, VideoWriter.Settings settings) {
        this.reframed = reframed;
        this.watermarked = watermarked;
        this.settings = settings;
    }

    /**
     * @param name a film.yaml {@code deliver} value: web, prores, vertical or square
     * @return its deliverable
     * @throws IllegalArgumentException for another name (film.yaml's reader refuses those first)
     */
    public static Deliverable of(String name) {
        for (Deliverable d : values()) if (d.id().equals(name)) return d;
        throw new IllegalArgumentException("not a deliverable: " + name);
    }

    /** @return its name in film.yaml and in file names: {@code web}, {@code prores}, {@code vertical}, {@code square} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return true for the versions reframed along the subject (vertical, square) */
    public boolean reframed() {
        return reframed;
    }

    /** @return true when it carries the film's watermark (never the master or ProRes, which go on to be edited) */
    public boolean watermarked() {
        return watermarked;
    }

    /** @return its encoder's settings */
    public VideoWriter.Settings settings() {
        return settings;
    }

    /** @return its picture file's extension: {@code .mov} for ProRes, else {@code .mp4} */
    public String extension() {
        return settings.extension();
    }

    /** @return the endings of the files it is made of: its picture's, and {@code .crops.json} for a reframed one */
    public List<String> files() {
        return reframed ? List.of(extension(), ".crops.json") : List.of(extension());
    }

    /**
     * @param width  the master's width
     * @param height the master's height
     * @return its frame {width, height}: 1080x1920 vertical, 1080x1080 square, the master's within 1920x1080 for web
     *         ({@link Master#webSize}), the master's own for ProRes
     */
    public int[] size(int width, int height) {
        return switch (this) {
            case VERTICAL -> new int[] {1080, 1920};
            case SQUARE -> new int[] {1080, 1080};
            case WEB -> Master.webSize(width, height);
            case PRORES -> new int[] {width, height};
        };
    }
}
