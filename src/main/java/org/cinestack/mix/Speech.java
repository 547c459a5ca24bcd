package org.cinestack.mix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cinestack.media.AudioDecoder;
import org.cinestack.media.ChildProcess;

/**
 * Text to speech with espeak-ng (Debian package {@code espeak-ng}), run as a separate process. Lines are rendered to
 * WAV and resampled to the mix rate by FFmpeg.
 */
public final class Speech implements TextToSpeech {
    private final String executable;

    private Speech(String executable) {
        this.executable = executable;
    }

    @Override
    public String engine() {
        return "espeak-ng";
    }

    /** @return the engine when {@code espeak-ng} runs on this machine, else empty */
    public static java.util.Optional<Speech> find() {
        try {
            if (ChildProcess.run(List.of("espeak-ng", "--version"), Duration.ofSeconds(10)).exitCode() == 0) {
                return java.util.Optional.of(new Speech("espeak-ng"));
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /**
     * Speaks one line.
     *
     * @param text       the words
     * @param voice      espeak-ng voice, for example {@code en-gb+f3}; null for the default
     * @param pitch      0..99 (espeak-ng's {@code -p}), 50 the voice's normal pitch
     * @param wordsPerMinute speaking rate, 80..450
     * @param sampleRate output rate in Hz
     * @return mono samples, -1..1
     * @throws IOException when espeak-ng fails (for example an unknown voice)
     */
    @Override
    public float[] speak(String text, String voice, int pitch, int wordsPerMinute, int sampleRate)
        throws IOException {
        Path wav = Files.createTempFile("cinestack-line-", ".wav");
        try {
            List<String> cmd = new ArrayList<>(List.of(executable, "-s", Integer.toString(wordsPerMinute), "-p",
                Integer.toString(pitch), "-w", wav.toString()));
            if (voice != null && !voice.isBlank()) cmd.addAll(List.of("-v", voice));
            cmd.add("--");
            cmd.add(text);
            ChildProcess.Result r = ChildProcess.run(cmd, Duration.ofSeconds(60));
            if (r.exitCode() != 0 || Files.size(wav) < 100) {
                throw new IOException("espeak-ng could not speak with voice '" + voice + "': " + r.output().strip());
            }
            return AudioDecoder.decodeMono(wav, sampleRate);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private java.util.Set<String> languages, variants;

    /**
     * Checks a voice before anything is rendered: espeak-ng itself falls back to its default voice without a word
     * when it does not know one. A voice is a language or voice name from {@code espeak-ng --voices}, optionally
     * followed by {@code +variant} from {@code espeak-ng --voices=variant}; case does not matter.
     *
     * @param voice for example {@code en-gb+f3}
     * @return null when known, else what is wrong and what would be right
     * @throws IOException when espeak-ng cannot list its voices
     */
    @Override
    public synchronized String checkVoice(String voice) throws IOException {
        if (languages == null) {
            // language code, voice name, the file's base name, and the codes in "(en 10)" of Other Languages
            List<String> voices = list("--voices");
            languages = column(voices, 1, 3);
            for (String f : column(voices, 4)) languages.add(f.substring(f.lastIndexOf('/') + 1));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([a-z0-9-]+) \\d+\\)").matcher(
                String.join("\n", voices).toLowerCase(java.util.Locale.ROOT));
            while (m.find()) languages.add(m.group(1));
            variants = new java.util.HashSet<>();
            for (String v : column(list("--voices=variant"), 4)) variants.add(v.replace("!v/", ""));
        }
        String[] parts = voice.toLowerCase(java.util.Locale.ROOT).split("\\+", 2);
        if (!languages.contains(parts[0])) {
            return "'" + parts[0] + "' is not an espeak-ng voice; languages include " + String.join(", ",
                languages.stream().filter(l -> l.length() <= 6).sorted().limit(12).toList())
                + "... (all: espeak-ng --voices)";
        }
        if (parts.length == 2 && !variants.contains(parts[1])) {
            return "'+" + parts[1] + "' is not an espeak-ng variant; for example +f3, +m3, +adam (all: espeak-ng "
                + "--voices=variant)";
        }
        return null;
    }

    private List<String> list(String option) throws IOException {
        ChildProcess.Result r = ChildProcess.run(List.of(executable, option), Duration.ofSeconds(20));
        if (r.exitCode() != 0) throw new IOException(executable + " " + option + " failed: " + r.output().strip());
        return r.output().lines().skip(1).toList();
    }

    /** The given whitespace-separated columns (0-based) of every line, lower case. */
    private static java.util.Set<String> column(List<String> lines, int... columns) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String l : lines) {
            String[] f = l.strip().split("\\s+");
            for (int c : columns) if (c < f.length) out.add(f[c].toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
