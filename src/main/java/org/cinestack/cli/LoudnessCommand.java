package org.cinestack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.cinestack.film.BadInputException;
import org.cinestack.media.AudioStream;
import org.cinestack.media.MediaException;
import org.cinestack.mix.LoudnessMeter;
import org.cinestack.film.Problem;

/** The {@code cinestack loudness} command; what it does is its description below. */
@Command(name = "loudness", mixinStandardHelpOptions = true,
    description = {"Measure an audio or video file after ITU-R BS.1770-4 and EBU R 128: integrated loudness, "
        + "loudness range, true peak, maximum momentary and short-term loudness."})
final class LoudnessCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "any audio or video file FFmpeg reads")
    Path file;
    @Option(names = "--json", description = "print JSON")
    boolean json;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        LoudnessMeter[] meter = new LoudnessMeter[1];
        AudioStream.Info info;
        try {
            info = AudioStream.read(file, (rate, channels) -> meter[0] = new LoudnessMeter(rate,
                LoudnessMeter.weightsFor(channels)), (planar, frames) -> meter[0].add(planar, frames));
        } catch (MediaException e) {
            String why = e.getMessage().startsWith(file + ": ") ? e.getMessage().substring(file.toString().length()
                + 2) : e.getMessage();
            throw new BadInputException(java.util.List.of(new Problem(file.toString(), 0, 0, why)));
        }
        LoudnessMeter.Result r = meter[0].result();
        PrintWriter o = commandSpec.commandLine().getOut();
        if (json) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("sampleRate", info.sampleRate());
            m.put("channels", info.channels());
            m.put("seconds", r.seconds());
            m.put("integratedLufs", num(r.integratedLufs()));
            m.put("loudnessRangeLu", num(r.loudnessRangeLu()));
            m.put("truePeakDbtp", num(r.truePeakDbtp()));
            m.put("samplePeakDbfs", num(r.samplePeakDbfs()));
            m.put("maxMomentaryLufs", num(r.maxMomentaryLufs()));
            m.put("maxShortTermLufs", num(r.maxShortTermLufs()));
            o.println(tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(m));
        } else {
            o.printf(Locale.ROOT, "%s: %d Hz, %d channel(s), %.1f s%n", file, info.sampleRate(), info.channels(),
                r.seconds());
            o.printf(Locale.ROOT, "  integrated      %7.1f LUFS%n", r.integratedLufs());
            o.printf(Locale.ROOT, "  loudness range  %7.1f LU%n", r.loudnessRangeLu());
            o.printf(Locale.ROOT, "  true peak       %7.1f dBTP%n", r.truePeakDbtp());
            o.printf(Locale.ROOT, "  max momentary   %7.1f LUFS%n", r.maxMomentaryLufs());
            o.printf(Locale.ROOT, "  max short-term  %7.1f LUFS%n", r.maxShortTermLufs());
        }
        o.flush();
        return 0;
    }

    /** Rounded to 0.01; JSON has no infinity, so silence is null. */
    private static Double num(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }
}
