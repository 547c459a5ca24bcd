package org.cinestack.mix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cinestack.media.AudioDecoder;

/**
 * Text to speech with espeak-ng (Debian package {@code espeak-ng}), run as a separate process. Lines are rendered to
 * WAV and resampled to the mix rate by FFmpeg.
 */
public final class Speech implements TextToSpeech {
    private final String executable;

    private Speech(String executable) {
        this.executable = executable;
    }

    /** @return the engine when {@code espeak-ng} runs on this machine, else empty */
    public static java.util.Optional<Speech> find() {
        try {
            Process p = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) return java.util.Optional.of(new Speech("espeak-ng"));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return java.util.Optional.empty();
    }

    /**
     * Speaks one line.
     *
     * @param text       the words
     * @param voice      espeak-ng voice, for example {@code en-gb+f3}; null for the default
     * @param wordsPerMinute speaking rate, 80..450
     * @param sampleRate output rate in Hz
     * @return mono samples, -1..1
     * @throws IOException when espeak-ng fails (for example an unknown voice)
     */
    @Override
    public float[] speak(String text, String voice, int wordsPerMinute, int sampleRate) throws IOException {
        Path wav = Files.createTempFile("cinestack-line-", ".wav");
        try {
            List<String> cmd = new ArrayList<>(List.of(executable, "-s", Integer.toString(wordsPerMinute), "-w",
                wav.toString()));
            if (voice != null && !voice.isBlank()) cmd.addAll(List.of("-v", voice));
            cmd.add("--");
            cmd.add(text);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || Files.size(wav) < 100) {
                throw new IOException("espeak-ng could not speak with voice '" + voice + "': " + out.strip());
            }
            return AudioDecoder.decodeMono(wav, sampleRate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(wav);
        }
    }
}
