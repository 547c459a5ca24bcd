package org.cinestack.deliver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.cinestack.media.Staging;

/**
 * The provenance record of a render, {@code out/<slug>.provenance.json}, shaped like a C2PA manifest (C2PA Technical
 * Specification 2.1: {@code claim_generator}, {@code instance_id}, {@code ingredients}, and assertions: the
 * {@code c2pa.actions} list with IPTC digital source types, and our AI-generation assertion). It is a JSON record
 * beside the film, not an embedded, signed C2PA manifest store. Only digests, ids, settings and costs; never a secret.
 * <p>
 * Digital source types (IPTC NewsCodes, digitalsourcetype): a generative backend's take is
 * {@code trainedAlgorithmicMedia}; a previs take is {@code algorithmicMedia} (rendered by a program, not a trained
 * model); a film with any generative shot is {@code compositeWithTrainedAlgorithmicMedia}, otherwise
 * {@code algorithmicMedia}.
 */
public final class Provenance {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final String IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    /**
     * One shot's ingredient: the take used.
     *
     * @param shotId       shot id
     * @param specDigest   digest of the resolved spec and backend (names the take folder)
     * @param backend      backend id and version, for example {@code previs/1}
     * @param model        the model or workflow a generative backend used; empty for previs
     * @param generative   true when a trained model made the picture
     * @param seed         the take's seed
     * @param take         take number used (the circled take)
     * @param takeDigest   SHA-256 of the take's media
     * @param promptDigest SHA-256 of the prompt the take was asked with
     * @param costUsd      what the take cost, US dollars (0 for previs)
     * @param frames       frames used in the cut
     */
    public record Ingredient(String shotId, String specDigest, String backend, String model, boolean generative,
                             long seed, int take, String takeDigest, String promptDigest, double costUsd, int frames) {
    }

    /**
     * What was done to make the film from its ingredients, besides generating them.
     *
     * @param grade        the film-wide grade, as film.yaml says it (empty for none)
     * @param grain        grain strength and stock
     * @param loudness     the delivery loudness target
     * @param deliverables files made beside the master
     * @param voices       the speech engine, or empty when the film is silent
     * @param cut          how the cut was made, when not in the film's own shot order (an edit brought back from
     *                     elsewhere: its file and digest); empty for the film's own order
     * @param watermark    the text burnt into the web, vertical and square deliverables, or empty
     */
    public record Finishing(String grade, String grain, String loudness, List<String> deliverables, String voices,
                            String cut, String watermark) {
    }

    /**
     * Reads the ingredients back from a record this class wrote (fields it does not write read as empty or 0).
     *
     * @param file a {@code .provenance.json}
     * @return its ingredients, in its order
     * @throws IOException when the file cannot be read or is not such a record
     */
    public static List<Ingredient> ingredients(Path file) throws IOException {
        tools.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException("not readable as JSON: " + e.getOriginalMessage(), e);
        }
        List<Ingredient> out = new ArrayList<>();
        for (tools.jackson.databind.JsonNode i : root.path("ingredients")) {
            out.add(new Ingredient(i.path("title").asString(""), i.path("specDigest").asString(""),
                i.path("backend").asString(""), i.path("model").asString(""), i.path("digitalSourceType")
                .asString("").endsWith("/trainedAlgorithmicMedia"), i.path("seed").asLong(0), i.path("take").asInt(0),
                i.path("takeDigest").asString(""), i.path("promptDigest").asString(""), i.path("costUsd").asDouble(0),
                i.path("frames").asInt(0)));
        }
        return out;
    }

    private Provenance() {
    }

    /**
     * @param file         the .provenance.json
     * @param title        film title
     * @param filmDigest   SHA-256 of the film file's bytes
     * @param masterDigest SHA-256 of the master
     * @param ingredients  one per shot, in cutting order
     * @param finishing    the finishing steps
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String title, String filmDigest, String masterDigest,
                             List<Ingredient> ingredients, Finishing finishing) throws IOException {
        boolean generative = ingredients.stream().anyMatch(Ingredient::generative);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claim_generator", "Cinestack/0.1.0");
        m.put("title", title);
        m.put("format", "video/mp4");
        m.put("instance_id", "xmp:iid:" + UUID.nameUUIDFromBytes(masterDigest.getBytes(StandardCharsets.US_ASCII)));
        m.put("createdAt", Instant.now().toString());
        m.put("filmDigest", filmDigest);
        m.put("masterDigest", masterDigest);
        List<Map<String, Object>> ing = new ArrayList<>();
        for (Ingredient i : ingredients) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("title", i.shotId());
            x.put("relationship", "componentOf");
            x.put("digitalSourceType", IPTC + (i.generative() ? "trainedAlgorithmicMedia" : "algorithmicMedia"));
            x.put("backend", i.backend());
            if (!i.model().isEmpty()) x.put("model", i.model());
            x.put("seed", i.seed());
            x.put("take", i.take());
            x.put("takeDigest", i.takeDigest());
            x.put("specDigest", i.specDigest());
            x.put("promptDigest", i.promptDigest());
            x.put("costUsd", i.costUsd());
            x.put("frames", i.frames());
            ing.add(x);
        }
        m.put("ingredients", ing);
        List<Map<String, Object>> actions = new ArrayList<>();
        actions.add(Map.of("action", "c2pa.created", "digitalSourceType", IPTC + (generative
            ? "compositeWithTrainedAlgorithmicMedia" : "algorithmicMedia"), "softwareAgent", "Cinestack/0.1.0"));
        for (Ingredient i : ingredients) {
            actions.add(Map.of("action", "c2pa.placed", "parameters", Map.of("ingredient", i.shotId(), "take",
                i.take(), "selection", "the circled take (take " + i.take() + ") chosen for the cut")));
        }
        actions.add(Map.of("action", "c2pa.edited", "parameters", Map.of("description", finishing.cut().isEmpty()
            ? "assembled as cut in the film's shot order (" + ingredients.size() + " shots)" : finishing.cut())));
        if (!finishing.grade().isEmpty()) {
            actions.add(Map.of("action", "c2pa.color_adjustments", "parameters", Map.of("grade", finishing.grade())));
        }
        actions.add(Map.of("action", "c2pa.filtered", "parameters", Map.of("grain", finishing.grain())));
        if (!finishing.voices().isEmpty()) {
            actions.add(Map.of("action", "c2pa.edited", "parameters", Map.of("description", "dialogue synthesised by "
                + finishing.voices() + ", mixed to " + finishing.loudness())));
        }
        for (String d : finishing.deliverables()) {
            actions.add(Map.of("action", "c2pa.resized", "parameters", Map.of("deliverable", d)));
        }
        if (!finishing.watermark().isEmpty()) {
            actions.add(Map.of("action", "c2pa.watermarked", "parameters", Map.of("description", "visible text '"
                + finishing.watermark() + "' on the web, vertical and square deliverables")));
        }
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("generative", generative);
        ai.put("backends", ingredients.stream().map(Ingredient::backend).distinct().toList());
        ai.put("totalCostUsd", ingredients.stream().mapToDouble(Ingredient::costUsd).sum());
        ai.put("note", generative ? "pictures made by the generative models named in the ingredients"
            : "pictures rendered by the built-in previs renderer, no trained model");
        m.put("assertions", List.of(Map.of("label", "c2pa.actions", "data", Map.of("actions", actions)),
            Map.of("label", "org.cinestack.ai-generated", "data", ai)));
        Staging.writeString(file, JSON.writeValueAsString(m));
    }
}
