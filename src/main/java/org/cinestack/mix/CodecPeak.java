package org.cinestack.mix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The delivery's true-peak ceiling held through the audio codec, not only in the mix: AAC's reconstruction overshoots
 * what went in, so the mix is measured as it will be heard.
 */
public final class CodecPeak {
    private CodecPeak() {
    }

    /**
     * The AAC encoder can overshoot the limiter's ceiling on transients (about +1 dB on a noise burst was measured).
     * The sound is encoded alone with the master's settings and measured (BS.1770 true peak); while it reads over the
     * delivery's ceiling, the master is limited again under a ceiling lowered by the excess plus 0.2 dB, up to
     * three times.
     *
     * @param master   interleaved stereo at {@link Soundtrack#RATE}, changed in place
     * @param delivery the target
     * @param trial    a scratch file, deleted afterwards
     * @throws IOException when the trial file cannot be written or removed
     */
    public static void hold(float[] master, Delivery delivery, Path trial) throws IOException {
        double ceiling = delivery.truePeakDbtp(), limit = ceiling - Soundtrack.CODEC_MARGIN_DB;
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                org.cinestack.media.VideoWriter.encodeAudio(trial, master, org.cinestack.media.VideoWriter.Settings
                    .MASTER);
                double peak = LoudnessMeter.measure(trial).truePeakDbtp();
                if (!(peak > ceiling)) return;
                limit -= peak - ceiling + 0.2;
                Limiter.toCeiling(master, 2, Soundtrack.RATE, delivery.integratedLufs(), limit);
            }
        } finally {
            Files.deleteIfExists(trial);
        }
    }

}
