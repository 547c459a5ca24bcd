package org.cinestack.finish;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.cinestack.film.BadInputException;
import org.cinestack.film.Problem;
import org.cinestack.media.Conform;
import org.cinestack.media.MediaException;
import org.cinestack.media.VideoReader;
import org.cinestack.media.VideoWriter;
import org.cinestack.media.Staging;

/** Applies a LUT to a still or a video file ({@code cinestack lut apply}). */
public final class LutApply {
    private LutApply() {
    }

    /**
     * @param lut   the table
     * @param in    an image or a video
     * @param out   the result; written to a temporary file first, so a failure leaves nothing half-made
     * @param image true for a still (read and written with ImageIO), false for a video (decoded with FFmpeg,
     *              encoded as H.264 at the source's size and nearest whole frame rate, without sound)
     * @return frames written
     * @throws BadInputException when the input cannot be read
     * @throws IOException       when the output cannot be written
     */
    public static int apply(CubeLut lut, Path in, Path out, boolean image) throws IOException {
        Path tmp = Staging.beside(out);
        try {
            int frames = image ? still(lut, in, tmp) : video(lut, in, tmp);
            Staging.place(tmp, out);
            return frames;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot);
    }

    private static int still(CubeLut lut, Path in, Path out) throws IOException {
        BufferedImage src = ImageIO.read(in.toFile());
        if (src == null) throw new BadInputException(List.of(new Problem(in.toString(), 0, 0, "is not an image "
            + "ImageIO reads (PNG, JPEG, BMP, GIF)")));
        BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        img.getGraphics().drawImage(src, 0, 0, null);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        lut.applyBgr24(bgr, img.getWidth() * img.getHeight());
        String ext = extension(out).toLowerCase(Locale.ROOT).replace(".", "");
        if (ext.equals("jpeg")) ext = "jpg";
        if (!ImageIO.write(img, ext.isEmpty() ? "png" : ext, out.toFile())) {
            throw new BadInputException(List.of(new Problem(out.toString(), 0, 0, "cannot write ." + ext + " images; "
                + "use .png or .jpg")));
        }
        return 1;
    }

    private static int video(CubeLut lut, Path in, Path out) {
        Conform.Source src;
        try {
            src = Conform.probe(in);
        } catch (MediaException e) {
            throw new BadInputException(List.of(new Problem(in.toString(), 0, 0, "is neither an image (.png, .jpg, "
                + ".bmp) nor a video FFmpeg can open")));
        }
        int w = src.width() & ~1, h = src.height() & ~1;
        int frames = 0;
        try (VideoReader r = new VideoReader(in); VideoWriter wr = new VideoWriter(out, w, h,
            (int) Math.max(1, Math.round(src.fps())), false, VideoWriter.Settings.MASTER.withoutAudio())) {
            byte[] bgr = new byte[r.width() * r.height() * 3];
            byte[] cropped = w == r.width() && h == r.height() ? bgr : new byte[w * h * 3];
            Lut8 prepared = Lut8.of(lut); // once for the whole video
            while (r.next(bgr)) {
                prepared.applyBgr24(bgr, r.width() * r.height());
                if (cropped != bgr) for (int y = 0; y < h; y++) System.arraycopy(bgr, y * r.width() * 3, cropped,
                    y * w * 3, w * 3);
                wr.write(cropped);
                frames++;
            }
        }
        return frames;
    }
}
