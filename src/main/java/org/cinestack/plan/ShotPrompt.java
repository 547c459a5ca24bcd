package org.cinestack.plan;

import java.util.List;

/**
 * A shot compiled into the words a generative video model reads, in the hierarchical order that keeps models on
 * track: subject and action, then camera language, then light and atmosphere, then environment, then the film's
 * style. Every shot of a film uses the same template, and each character's locked description and wardrobe appear in
 * every shot they are in. Made by {@link PromptCompiler}.
 *
 * @param subject     who or what, their locked look, and what they do
 * @param camera      shot size, angle, move with its motivation, lens and aperture
 * @param light       lighting setup, key direction, colour temperature, atmosphere
 * @param environment interior or exterior, place, time of day, weather
 * @param style       stock, grade and style words, palette, grain, frame rate, aspect ratio
 * @param negative    what must not appear: the film's prohibitions, then the defaults
 * @param castIds     the cast in the shot (subject first), for reference images
 */
public record ShotPrompt(String subject, String camera, String light, String environment, String style,
                         String negative, List<String> castIds) {

    /** An empty prompt (for specs made without a film, in tests). */
    public static final ShotPrompt NONE = new ShotPrompt("", "", "", "", "", "", List.of());

    /** @return the positive prompt: the five sections in order, as sentences */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String s : List.of(subject, camera, light, environment, style)) {
            if (s.isBlank()) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(Character.toUpperCase(s.charAt(0))).append(s, 1, s.length());
            if (!s.endsWith(".")) sb.append('.');
        }
        return sb.toString();
    }
}
