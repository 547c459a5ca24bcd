package org.cinestack.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.film.ShotSize;

/**
 * A shot resolved into everything a backend needs to make it: frame, timing, seed, camera path, figures, set and
 * light. A plain value; its {@link #digest()} names its takes, so the same spec is never generated twice.
 *
 * @param sceneId          the scene's id
 * @param shotId           the shot's id
 * @param size             shot size
 * @param move             camera move code, for example {@code dolly-in}
 * @param motionStrength   move speed 0..1
 * @param angle            camera angle code
 * @param deliveryWidth    delivery frame width, pixels
 * @param deliveryHeight   delivery frame height, pixels
 * @param pictureWidth     picture area width (the take's width), pixels, even
 * @param pictureHeight    picture area height, pixels, even
 * @param fps              frames per second
 * @param durationSeconds  duration as written
 * @param frameCount       round(duration x fps), at least 1
 * @param seed             the shot's seed
 * @param sensorWidthMm    sensor width (Super 35)
 * @param aperture         f-number
 * @param path             the camera path
 * @param figures          figures in the set; the first is the subject
 * @param environment      the set
 * @param lighting         the light
 * @param prompt           the shot in words for generative backends ({@link PromptCompiler})
 */
public record ShotSpec(String sceneId, String shotId, ShotSize size, String move, double motionStrength, String angle,
                       int deliveryWidth, int deliveryHeight, int pictureWidth, int pictureHeight, int fps,
                       double durationSeconds, int frameCount, long seed, double sensorWidthMm, double aperture,
                       CameraPath path, List<Figure> figures, Environment environment, Lighting lighting,
                       ShotPrompt prompt) {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();

    /** @return the spec as canonical JSON: keys sorted, no whitespace */
    public String canonicalJson() {
        return CANONICAL.writeValueAsString(this);
    }

    /** @return SHA-256 of {@link #canonicalJson()}, lower-case hex */
    public String digest() {
        return sha256(canonicalJson());
    }

    /**
     * @param newSeed the seed of another take
     * @return this spec with another seed (hand-held shake follows the seed)
     */
    public ShotSpec withSeed(long newSeed) {
        if (newSeed == seed) return this;
        CameraPath p = path;
        Shake s = p.shake();
        Shake shake = s.equals(Shake.NONE) ? s : new Shake(s.panDegrees(), s.tiltDegrees(), s.rollDegrees(),
            s.positionM(), newSeed);
        CameraPath np = new CameraPath(p.start(), p.end(), p.rampFraction(), p.orbitDegrees(), p.orbitCenterXM(),
            p.orbitCenterZM(), p.aim(), p.aimXM(), p.aimYM(), p.aimZM(), shake);
        return new ShotSpec(sceneId, shotId, size, move, motionStrength, angle, deliveryWidth, deliveryHeight,
            pictureWidth, pictureHeight, fps, durationSeconds, frameCount, newSeed, sensorWidthMm, aperture, np, figures,
            environment, lighting, prompt);
    }

    /** @return this spec with another prompt (a backend that draws no words leaves it out of its digest) */
    public ShotSpec withPrompt(ShotPrompt other) {
        return new ShotSpec(sceneId, shotId, size, move, motionStrength, angle, deliveryWidth, deliveryHeight,
            pictureWidth, pictureHeight, fps, durationSeconds, frameCount, seed, sensorWidthMm, aperture, path, figures,
            environment, lighting, other);
    }

    /** @return picture height in mm on the sensor: the sensor width divided by the picture aspect */
    public double sensorHeightMm() {
        return sensorWidthMm * pictureHeight / pictureWidth;
    }

    /** @return SHA-256 of UTF-8 text as lower-case hex */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
