package org.cinestack.deliver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.finish.CubeLut;
import org.cinestack.finish.Grain;
import org.cinestack.finish.Letterbox;
import org.cinestack.media.AudioDecoder;
import org.cinestack.media.Conform;
import org.cinestack.media.MediaException;
import org.cinestack.media.VideoReader;
import org.cinestack.media.VideoWriter;
import org.cinestack.media.Staging;

/**
 * The finishing pass on footage Cinestack did not make ({@code cinestack finish}): grade (a LUT), fit to a delivery
 * profile, mask to an aspect ratio, grain, and encode with the source's sound.
 * <ul>
 *   <li>{@code master}: the source's size; {@code web}: 1920x1080. The picture is scaled to fit inside (bars where
 *       the aspects differ).</li>
 *   <li>{@code vertical} 1080x1920 and {@code square} 1080x1080: the picture fills the frame through a window of its
 *       height that follows the faces in it, shot by shot ({@link FootageFraming}: OpenCV's face cascade and the
 *       smoothed path of {@link org.cinestack.finish.Reframe}); the path is written beside the output as
 *       {@code <name>.crops.json}.</li>
 *   <li>{@code aspect}: black bars so the visible picture has this aspect ratio (letterbox or pillarbox).</li>
 * </ul>
 * Grain is added after the grade; its amplitude is zero at black, so bars stay black.
 */
public final class FinishFootage {
    /** Delivery profiles. */
    public static final List<String> PROFILES = List.of("master", "web", "vertical", "square");

    private FinishFootage() {
    }

    /**
     * @param in       the footage
     * @param out      the .mp4 to write (through a temporary file: a failure leaves nothing half-made)
     * @param grade    the grade's LUT, if any
     * @param grain    the grain
     * @param aspect   an aspect ratio to mask to, if any
     * @param profile  one of {@link #PROFILES}
     * @param watermark text burnt into the corner ({@link org.cinestack.finish.Watermark}), or empty for none
     * @param progress told the frames done
     * @return frames written
     * @throws BadInputException when the footage cannot be read or the options do not fit
     * @throws IOException       when the output cannot be written
     */
    public static int run(Path in, Path out, Optional<CubeLut> grade, Grain grain, Optional<Double> aspect,
                          String profile, String watermark, IntConsumer progress) throws IOException {
        if (!PROFILES.contains(profile)) {
            throw new BadInputException(List.of(new Problem("--profile", 0, 0, "unknown profile '" + profile
                + "'; allowed: " + String.join(", ", PROFILES))));
        }
        Conform.Source src;
        try {
            src = Conform.probe(in);
        } catch (MediaException e) {
            throw new BadInputException(List.of(new Problem(in.toString(), 0, 0, "is not a video FFmpeg can open")));
        }
        int fw, fh;
        switch (profile) {
            case "web" -> { fw = 1920; fh = 1080; }
            case "vertical" -> { fw = 1080; fh = 1920; }
            case "square" -> { fw = 1080; fh = 1080; }
            default -> { fw = src.width() & ~1; fh = src.height() & ~1; }
        }
        if (aspect.isPresent() && !(aspect.get() >= 0.2 && aspect.get() <= 5)) {
            throw new BadInputException(List.of(new Problem("--aspect", 0, 0, "the aspect ratio must be 0.2..5, "
                + "for example 2.39, 1.85 or 1.78")));
        }
        float[] sound;
        try {
            sound = AudioDecoder.decode(in, 48_000, 2);
        } catch (MediaException e) {
            sound = new float[0]; // no sound in the footage
        }
        Optional<org.cinestack.finish.Watermark> mark;
        try {
            mark = watermark.isBlank() ? Optional.empty()
                : Optional.of(new org.cinestack.finish.Watermark(watermark, fw, fh));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(List.of(new Problem("--watermark", 0, 0, e.getMessage())));
        }
        boolean fill = profile.equals("vertical") || profile.equals("square");
        int fps = (int) Math.max(1, Math.round(src.fps()));
        FootageFraming.Framing framing = null;
        int window = (int) Math.min(src.width(), Math.round(src.height() * (double) fw / fh));
        if (fill) framing = FootageFraming.of(in, window, fps); // a first pass: faces and cuts, the window's path
        Path tmp = Staging.beside(out.resolveSibling(out.getFileName() + ".mp4")); // an MP4 whatever its name
        int frames = 0;
        try (VideoReader r = new VideoReader(in); VideoWriter w = new VideoWriter(tmp, fw, fh,
            fps, false, VideoWriter.Settings.MASTER)) {
            AudioFollow follow = new AudioFollow(w, sound, fps);
            int pw = r.width(), ph = r.height();
            byte[] picture = new byte[pw * ph * 3], frame = new byte[fw * fh * 3];
            int sw, sh, cw;
            if (fill) { // cover: a centred window of the source's height, or of its width when it is too narrow
                cw = window;
                sw = fw;
                sh = fh;
            } else { // contain
                double scale = Math.min((double) fw / pw, (double) fh / ph);
                sw = Math.max(2, (int) Math.round(pw * scale) & ~1);
                sh = Math.max(2, (int) Math.round(ph * scale) & ~1);
                cw = pw;
            }
            byte[] scaled = new byte[sw * sh * 3];
            Optional<org.cinestack.finish.Lut8> lut = grade.map(org.cinestack.finish.Lut8::of); // prepared once
            while (r.next(picture)) {
                if (lut.isPresent()) lut.get().applyBgr24(picture, pw * ph);
                java.util.Arrays.fill(frame, (byte) 0);
                int left = framing != null && frames < framing.left().length ? framing.left()[frames] : (pw - cw) / 2;
                Reframed.scale(picture, pw, left, cw, ph, scaled, sw, sh);
                Letterbox.place(scaled, sw, sh, frame, fw, fh);
                if (aspect.isPresent()) mask(frame, fw, fh, aspect.get());
                grain.apply(frame, fw, 0, 0, fw, fh, frames);
                mark.ifPresent(m -> m.apply(frame));
                w.write(frame);
                frames++;
                follow.after(frames);
                progress.accept(frames);
            }
            follow.finish();
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Staging.place(tmp, out);
        if (framing != null) { // the window's path beside the output, once the output is there
            Path crops = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.[^.]*$", "")
                + ".crops.json");
            Staging.writeString(crops, tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                java.util.Map.of("cropWidth", window, "left", framing.left(), "faces", framing.faces(), "shots",
                    framing.shots(), "faceFrames", framing.faceFrames())));
        }
        return frames;
    }

    /** Blacks out everything outside the centred rectangle of this aspect ratio. */
    static void mask(byte[] frame, int fw, int fh, double aspect) {
        int vw = fw, vh = fh;
        if ((double) fw / fh > aspect) vw = (int) Math.round(fh * aspect) & ~1;
        else vh = (int) Math.round(fw / aspect) & ~1;
        int x0 = (fw - vw) / 2, y0 = (fh - vh) / 2;
        for (int y = 0; y < fh; y++) {
            if (y < y0 || y >= y0 + vh) {
                java.util.Arrays.fill(frame, y * fw * 3, (y + 1) * fw * 3, (byte) 0);
            } else if (vw < fw) {
                java.util.Arrays.fill(frame, y * fw * 3, (y * fw + x0) * 3, (byte) 0);
                java.util.Arrays.fill(frame, (y * fw + x0 + vw) * 3, (y + 1) * fw * 3, (byte) 0);
            }
        }
    }

    /** @return the profile names, for messages */
    public static String profiles() {
        return String.join(", ", PROFILES).toLowerCase(Locale.ROOT);
    }
}
