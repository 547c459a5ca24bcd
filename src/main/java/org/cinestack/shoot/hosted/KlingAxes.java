package org.cinestack.shoot.hosted;

import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our camera moves in Kling's {@code camera_control} axes ({@code horizontal}, {@code vertical}, {@code pan},
 * {@code tilt}, {@code roll}, {@code zoom}, -10..10, one non-zero), used by Kling's own API and by Kling models on
 * fal. See {@link KlingBackend} for the pan/tilt swap and the signs.
 *
 * @param settings which way to read Kling's pan and tilt
 */
record KlingAxes(KlingBackend.Settings settings) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param move      our move code
     * @param magnitude 1..10
     * @return {@code {"camera_control": {"type":"simple", "config": {...}}}}, or empty for prompt words
     */
    public Optional<JsonNode> control(String move, double magnitude) {
        String pan = settings.swapPanTilt() ? "tilt" : "pan";   // Kling's field for our pans
        String tilt = settings.swapPanTilt() ? "pan" : "tilt";  // Kling's field for our tilts
        String field;
        double sign;
        switch (move) {
            case "pan-left" -> { field = pan; sign = -1; }
            case "pan-right" -> { field = pan; sign = 1; }
            case "tilt-up" -> { field = tilt; sign = 1; }
            case "tilt-down" -> { field = tilt; sign = -1; }
            case "truck-left" -> { field = "horizontal"; sign = -1; }
            case "truck-right" -> { field = "horizontal"; sign = 1; }
            case "pedestal-up" -> { field = "vertical"; sign = 1; }
            case "pedestal-down" -> { field = "vertical"; sign = -1; }
            case "zoom-in" -> { field = "zoom"; sign = -1; }
            case "zoom-out" -> { field = "zoom"; sign = 1; }
            default -> { return Optional.empty(); }
        }
        double v = Math.round(Math.clamp(magnitude, 1, 10) * 10) / 10.0;
        ObjectNode out = JSON.createObjectNode();
        ObjectNode cc = out.putObject("camera_control");
        cc.put("type", "simple");
        ObjectNode config = cc.putObject("config");
        for (String f : List.of("horizontal", "vertical", "pan", "tilt", "roll", "zoom")) {
            config.put(f, f.equals(field) ? sign * v : 0.0);
        }
        return Optional.of(out);
    }

}
