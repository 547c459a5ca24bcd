package org.cinestack.shoot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings log of one take, {@code take.json}: written once by the {@link TakeStore} when the take is kept, read
 * by everything after (the cut, reframing, provenance, dailies) as this one record, never by string keys.
 *
 * @param backend        the backend's id ({@code previs}, {@code comfyui}, {@code runway} ...)
 * @param backendVersion its version (part of the take's digest)
 * @param specDigest     the digest naming the shot's takes ({@link TakeStore#digest})
 * @param take           the take's number, from 1
 * @param seed           the take's seed
 * @param createdAt      when it was kept, ISO-8601
 * @param renderSeconds  how long the backend took, seconds
 * @param mediaDigest    SHA-256 of {@code take.mp4}
 * @param mediaBytes     its size in bytes, checked when the take is read (0 in takes of earlier versions: unchecked)
 * @param frames         frames that decoded when it was kept
 * @param depthDigest    SHA-256 of {@code depth.mp4}, or null without a depth pass
 * @param made           what the backend recorded
 * @param spec           the spec as shot, with this take's seed (its canonical JSON)
 */
public record TakeRecord(String backend, String backendVersion, String specDigest, int take, long seed,
                         String createdAt, double renderSeconds, String mediaDigest, long mediaBytes, long frames,
                         String depthDigest, Made made, JsonNode spec) {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL)).build();

    /**
     * What a backend records of a take beside the spec.
     *
     * @param model         the model asked for, or null (previs)
     * @param clientTaskId  the id this client gave the job, or null
     * @param jobId         the provider's job id, or null
     * @param estimatedUsd  what it was estimated to cost, or null
     * @param actualUsd     what the provider says it cost (else the estimate), or null
     * @param generated     the clip as generated before it was conformed to the take: width, height, fps, frames
     * @param request       the request as sent (no credential is ever part of it), or null
     * @param depthEncoding how {@code depth.mp4} encodes depth, or null without one
     * @param subjectBoxes  per frame, the subject's box {x, y, w, h} in pixels, or null when not known
     * @param headBoxes     per frame, the subject's head box, or null
     * @param details       anything else the provider answered that is worth keeping, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Made(String model, String clientTaskId, String jobId, Double estimatedUsd, Double actualUsd,
                       Map<String, Object> generated, JsonNode request, String depthEncoding,
                       List<int[]> subjectBoxes, List<int[]> headBoxes, Map<String, Object> details) {
        /** Nothing recorded. */
        public static final Made NONE = new Made(null, null, null, null, null, null, null, null, null, null, null);

        /** @return what previs records: its depth pass's encoding and where the subject and its head are */
        public static Made previs(String depthEncoding, List<int[]> subjectBoxes, List<int[]> headBoxes) {
            return new Made(null, null, null, null, null, null, null, depthEncoding, subjectBoxes, headBoxes, null);
        }
    }

    /** @return what the take cost: the provider's figure, else the estimate, else 0 */
    public double costUsd() {
        if (made == null) return 0;
        return made.actualUsd() != null ? made.actualUsd() : made.estimatedUsd() != null ? made.estimatedUsd() : 0;
    }

    /** @return per frame, the subject's box, when the backend knew it */
    public Optional<List<int[]>> subjectBoxes() {
        return made == null ? Optional.empty() : Optional.ofNullable(made.subjectBoxes()).filter(b -> !b.isEmpty());
    }

    /** @return per frame, the subject's head box, when the backend knew it */
    public Optional<List<int[]>> headBoxes() {
        return made == null ? Optional.empty() : Optional.ofNullable(made.headBoxes()).filter(b -> !b.isEmpty());
    }

    /** @return the model, or empty */
    public String model() {
        return made == null || made.model() == null ? "" : made.model();
    }

    /**
     * Writes {@code take.json} into a take's folder.
     *
     * @param folder the take's folder
     * @throws IOException when it cannot be written
     */
    public void write(Path folder) throws IOException {
        // one flat object as take.json has always been: the take's fields, what the backend made, the spec last
        tools.jackson.databind.node.ObjectNode all = JSON.valueToTree(this);
        all.remove("made");
        JsonNode spec = all.remove("spec");
        if (made != null) {
            tools.jackson.databind.node.ObjectNode m = JSON.valueToTree(made);
            JsonNode details = m.remove("details");
            all.setAll(m);
            if (details instanceof tools.jackson.databind.node.ObjectNode d) {
                d.properties().forEach(e -> {
                    if (!all.has(e.getKey())) all.set(e.getKey(), e.getValue());
                });
            }
        }
        if (spec != null) all.set("spec", spec);
        Files.writeString(folder.resolve("take.json"), JSON.writeValueAsString(all));
    }

    /**
     * Reads a take's {@code take.json} (one flat object: the take's fields and the backend's side by side, as every
     * version has written it).
     *
     * @param folder the take's folder
     * @return the record
     * @throws IOException when it is missing or not a take record
     */
    public static TakeRecord read(Path folder) throws IOException {
        try {
            JsonNode n = JSON.readTree(folder.resolve("take.json").toFile());
            if (n == null || !n.isObject()) throw new IOException(folder.resolve("take.json") + " is not a take record");
            // what the backend recorded sits beside the take's own fields
            ((tools.jackson.databind.node.ObjectNode) n).set("made", n.deepCopy());
            return JSON.treeToValue(n, TakeRecord.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException(folder.resolve("take.json") + " is not a take record: "
                + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }
}
