package org.cinestack.mix;

import java.io.IOException;

/**
 * A speech engine: turns a line into audio. {@link Speech} (espeak-ng) is the embedded one; hosted engines go behind
 * the same interface.
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
}
