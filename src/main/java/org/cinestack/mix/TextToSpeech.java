package org.cinestack.mix;

import java.io.IOException;
import java.util.Optional;

/**
 * A speech engine: turns a line into audio. {@link Speech} (espeak-ng, where it is installed) and
 * {@link DiphoneSpeech} (FreeTTS, inside the JVM) are the built-in ones; hosted engines go behind the same interface.
 */
@FunctionalInterface
public interface TextToSpeech {
    /**
     * Speaks one line.
     *
     * @param text           the words
     * @param voice          the engine's voice name, or null for its default
     * @param pitch          0..99, 50 the voice's normal pitch
     * @param wordsPerMinute speaking rate, 80..450
     * @param sampleRate     output rate, Hz
     * @return mono samples, -1..1
     * @throws IOException when the engine fails (for example an unknown voice)
     */
    float[] speak(String text, String voice, int pitch, int wordsPerMinute, int sampleRate) throws IOException;

    /** @return the engine's name and version as the provenance records it */
    default String engine() {
        return "speech";
    }

    /**
     * Checks a voice name before anything is rendered.
     *
     * @param voice a voice name from film.yaml
     * @return null when this engine knows it (or takes any name), else what is wrong and what would be right
     * @throws IOException when the engine cannot list its voices
     */
    default String checkVoice(String voice) throws IOException {
        return null;
    }

    /**
     * The engine dialogue is spoken with on this machine: espeak-ng where it runs (its voices and languages), else
     * FreeTTS inside the JVM, which needs nothing installed.
     *
     * @return the engine (FreeTTS loads its voice when it first speaks, and a failure then is the line's warning)
     */
    static Optional<TextToSpeech> onThisMachine() {
        Optional<Speech> espeak = Speech.find();
        if (espeak.isPresent()) return Optional.of(espeak.get());
        return Optional.of(DiphoneSpeech.shared());
    }
}
