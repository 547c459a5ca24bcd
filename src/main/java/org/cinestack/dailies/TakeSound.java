package org.cinestack.dailies;

import java.util.List;
import java.util.Locale;

/**
 * The loudness of a take's own sound, where the model made some (Veo and other generators deliver a sound track with
 * the picture; previs takes have none). Measured by ITU-R BS.1770-4 (integrated loudness with its gates, loudness
 * range per EBU Tech 3342, true peak by 4x oversampling) over the whole clip as delivered, before Cinestack's mix
 * replaces it.
 *
 * @param integratedLufs  integrated loudness, LUFS; {@value #SILENT_LUFS} (the absolute gate) for a track that is
 *                        silent under it
 * @param loudnessRangeLu loudness range, LU
 * @param truePeakDbtp    true peak, dBTP; {@value #FLOOR_DBTP} for digital silence
 * @param seconds         the track's length, s
 */
public record TakeSound(double integratedLufs, double loudnessRangeLu, double truePeakDbtp, double seconds) {
    /** The absolute gate of ITU-R BS.1770-4, LUFS: a track wholly under it is silent. */
    public static final double SILENT_LUFS = -70;
    /** The true peak written for digital silence, dBTP (JSON has no infinities). */
    public static final double FLOOR_DBTP = -200;

    /**
     * @return a measurement with infinities (silence) written as {@link #SILENT_LUFS} and {@link #FLOOR_DBTP}
     */
    public static TakeSound of(double integratedLufs, double loudnessRangeLu, double truePeakDbtp, double seconds) {
        return new TakeSound(Double.isFinite(integratedLufs) ? Math.max(integratedLufs, SILENT_LUFS) : SILENT_LUFS,
            Double.isFinite(loudnessRangeLu) ? loudnessRangeLu : 0,
            Double.isFinite(truePeakDbtp) ? Math.max(truePeakDbtp, FLOOR_DBTP) : FLOOR_DBTP, seconds);
    }

    /** The highest true peak EBU R 128 allows a programme, dBTP (EBU R 128 (2020), section 2). */
    public static final double MAX_TRUE_PEAK_DBTP = -1;

    /**
     * The take's sound judged: a true peak over {@link #MAX_TRUE_PEAK_DBTP} is a minor defect (the sound clipped or
     * will clip when encoded; the picture is not at fault, so never a major one).
     *
     * @return the defects, empty when none
     */
    public List<Defect> defects() {
        if (truePeakDbtp > MAX_TRUE_PEAK_DBTP) {
            return List.of(new Defect("sound", Defect.Severity.MINOR, String.format(Locale.ROOT, "the take's own sound "
                + "peaks at %+.1f dBTP, over the %.0f dBTP EBU R 128 allows", truePeakDbtp, MAX_TRUE_PEAK_DBTP)));
        }
        return List.of();
    }

    /** @return the loudness in words for the report: "-23.0 LUFS, range 6.1 LU, true peak -2.3 dBTP" */
    public String words() {
        return integratedLufs <= SILENT_LUFS ? "silent (under the -70 LUFS gate)" : String.format(Locale.ROOT,
            "%.1f LUFS, range %.1f LU, true peak %+.1f dBTP", integratedLufs, loudnessRangeLu, truePeakDbtp);
    }
}
