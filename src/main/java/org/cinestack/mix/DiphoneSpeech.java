package org.cinestack.mix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.sound.sampled.AudioFormat;

import org.cinestack.media.AudioDecoder;
import org.cinestack.media.MediaException;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;

/**
 * Text to speech inside the JVM, for machines without espeak-ng: FreeTTS 1.2.2 (pure Java, from Maven Central) with
 * CMU's {@code kal} diphone voice at 16 kHz ("kevin16", a US English man), resampled to the mix rate by FFmpeg.
 * Nothing is installed and no native library is loaded.
 * <p>
 * It speaks English only, in one voice. A cast member's espeak-ng {@code voice} is read for what this engine can do
 * with it: a female variant ({@code +f1} .. {@code +f5}, or one espeak-ng lists as female: {@code +Annie},
 * {@code +linda}, {@code +steph}...) or a name with "female" raises the base
 * pitch from the voice's 100 Hz to 190 Hz, and {@code pitch} 0..99 then scales it from 0.7x to 1.4x (50 keeps it), as
 * espeak-ng's {@code -p} moves its base pitch. The rate is FreeTTS's words per minute, as espeak-ng's {@code -s}.
 * FreeTTS changes the pitch by prosody alone (no formant shift), so a raised voice still sounds like a man speaking
 * high: install espeak-ng for its voices and languages.
 */
public final class DiphoneSpeech implements TextToSpeech {
    /** The voice's own pitch (FreeTTS's {@code CMUDiphoneVoice} for kal16), Hz. */
    static final float MALE_HZ = 100f;
    /** Base pitch given to female voices, Hz (typical adult female speaking F0 is 165-255 Hz; Titze 1989). */
    static final float FEMALE_HZ = 190f;

    /** espeak-ng's female variants by name ({@code espeak-ng-data/voices/!v}, "gender female"), besides f1..f5. */
    private static final java.util.Set<String> FEMALE_VARIANTS = java.util.Set.of("alicia", "andrea", "annie", "anika",
        "anikarobot", "aunty", "belinda", "grandma", "linda", "steph", "steph2", "steph3", "whisperf");
    private static final DiphoneSpeech SHARED = new DiphoneSpeech();

    private Voice voice; // loaded on the first line spoken

    private DiphoneSpeech() {
    }

    /**
     * The engine, shared by every render in the process. Its voice is loaded (about 0.3 s, once) when the first line
     * is spoken, so a render without dialogue, or with its master cached, pays nothing.
     *
     * @return the engine
     */
    public static DiphoneSpeech shared() {
        return SHARED;
    }

    /** @return FreeTTS's voice, loaded once */
    private Voice voice() throws IOException {
        if (voice == null) {
            try {
                System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
                Voice v = VoiceManager.getInstance().getVoice("kevin16");
                if (v == null) throw new IOException("FreeTTS's kevin16 voice is not on the class path");
                v.allocate();
                voice = v;
            } catch (RuntimeException | Error e) { // FreeTTS reports a failed allocation as a plain Error
                throw new IOException("FreeTTS could not load its voice: " + e, e);
            }
        }
        return voice;
    }

    @Override
    public String engine() {
        return "FreeTTS 1.2.2 (cmu_us_kal16 diphones)";
    }

    /**
     * @param voice an espeak-ng voice name or null
     * @return the base pitch in Hz this engine gives it: {@link #FEMALE_HZ} for a female variant, else
     *     {@link #MALE_HZ}
     */
    static float baseHz(String voice) {
        if (voice == null) return MALE_HZ;
        String v = voice.toLowerCase(Locale.ROOT);
        int plus = v.indexOf('+');
        String variant = plus < 0 ? "" : v.substring(plus + 1);
        boolean female = v.contains("female") || variant.matches("f\\d+") || FEMALE_VARIANTS.contains(variant);
        return female ? FEMALE_HZ : MALE_HZ;
    }

    /**
     * @param voice an espeak-ng voice name or null
     * @param pitch 0..99, 50 the voice's own
     * @return the pitch in Hz: the base pitch times 0.7 (pitch 0) to 1.4 (pitch 99), on a log scale through 1 at 50
     */
    static float pitchHz(String voice, int pitch) {
        int p = Math.clamp(pitch, 0, 99);
        double factor = p <= 50 ? Math.pow(0.7, (50 - p) / 50.0) : Math.pow(1.4, (p - 50) / 49.0);
        return (float) (baseHz(voice) * factor);
    }

    /**
     * Speaks one line in English.
     *
     * @throws IOException when FreeTTS makes no sound or the result cannot be resampled
     */
    @Override
    public synchronized float[] speak(String text, String voiceName, int pitch, int wordsPerMinute, int sampleRate)
        throws IOException {
        Voice v = voice();
        Collector pcm = new Collector();
        try {
            v.setAudioPlayer(pcm);
            v.setPitch(pitchHz(voiceName, pitch));
            v.setRate(Math.clamp(wordsPerMinute, 80, 450));
            if (!v.speak(text) || pcm.bytes.size() < 100 || pcm.format == null) {
                throw new IOException("FreeTTS could not speak '" + text + "'");
            }
        } catch (RuntimeException e) { // one odd line is a warning in the mix, not the end of the render
            throw new IOException("FreeTTS could not speak '" + text + "': " + e, e);
        }
        Path wav = Files.createTempFile("cinestack-line-", ".wav");
        try {
            Files.write(wav, wav(pcm.bytes.toByteArray(), pcm.format));
            return AudioDecoder.decodeMono(wav, sampleRate);
        } catch (MediaException e) {
            throw new IOException("cannot resample FreeTTS's speech: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** A RIFF WAVE file of 16-bit little-endian PCM from FreeTTS's signed 16-bit samples (big- or little-endian). */
    static byte[] wav(byte[] pcm, AudioFormat format) {
        int channels = format.getChannels(), rate = (int) format.getSampleRate();
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
            .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
            .putShort((short) channels).putInt(rate).putInt(rate * channels * 2).putShort((short) (channels * 2))
            .putShort((short) 16).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.length);
        if (format.isBigEndian()) {
            for (int i = 0; i + 1 < pcm.length; i += 2) b.put(pcm[i + 1]).put(pcm[i]);
        } else {
            b.put(pcm);
        }
        return b.array();
    }

    /** FreeTTS's audio output, kept in memory instead of played. */
    private static final class Collector implements AudioPlayer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AudioFormat format;
        private float volume = 1f;

        @Override
        public void setAudioFormat(AudioFormat f) {
            format = f;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public boolean write(byte[] audio) {
            bytes.write(audio, 0, audio.length);
            return true;
        }

        @Override
        public boolean write(byte[] audio, int offset, int size) {
            bytes.write(audio, offset, size);
            return true;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float v) {
            volume = v;
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
