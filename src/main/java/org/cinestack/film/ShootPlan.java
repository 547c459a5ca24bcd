package org.cinestack.film;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code shoot:} section of film.yaml: which backend makes which kind of shot, what to try when one is not
 * available, the model per backend and the reference stills that anchor the cast and the locations.
 *
 * <pre>
 * shoot:
 *   default: comfyui                 # shots no other rule takes
 *   character: kling                 # a cast member, medium shot or closer
 *   establishing: luma               # wide shots without cast, and a scene's opening wide shot
 *   insert: veo                      # inserts, and close shots of things rather than people
 *   stylized: runway                 # shots marked stylized in shots:
 *   shots: {s5-dream: stylized, s2-door: fal}   # a kind or a backend, per shot
 *   fallback: [fal, previs]          # tried in order when a backend has no key or server
 *   models: {kling: kling-v1, fal: fal-ai/wan/v2.2-a14b/text-to-video}
 *   workflow: workflows/wan.json     # the ComfyUI workflow (API format)
 *   workflow_map: {prompt: "6.text"} # its slots, for a workflow without placeholders
 *   references: {mara: assets/mara.png, harbour: assets/harbour.jpg}
 * </pre>
 *
 * @param routes      kind ({@link #KINDS}) to backend id
 * @param shots       shot id to a kind or a backend id
 * @param fallback    backends tried in order after the routed one is not available
 * @param models      backend id to model name
 * @param workflow    the ComfyUI workflow file, relative to the film's folder
 * @param workflowMap the workflow's slots, {@code slot -> "<node id>.<input>"}
 * @param references  cast or scene id to a still, relative to the film's folder; cast members and scenes without an
 *                    entry use {@code assets/<id>.png} or {@code .jpg} when it exists
 */
public record ShootPlan(Map<String, String> routes, Map<String, String> shots, List<String> fallback,
                        Map<String, String> models, Optional<String> workflow, Map<String, String> workflowMap,
                        Map<String, String> references) {
    /** The kinds of shot a route can name. */
    public static final List<String> KINDS = List.of("character", "establishing", "stylized", "insert", "default");

    /**
     * The hosted video models, by id: the one list the reader, the router, the command line and
     * {@code shoot.hosted.HostedBackends} (which opens each) all read.
     */
    public static final List<String> HOSTED = List.of("runway", "luma", "kling", "fal", "replicate", "veo");

    /** The backends a route can name: the built-in previs renderer, ComfyUI servers, and the hosted models. */
    public static final List<String> BACKENDS = java.util.stream.Stream.concat(java.util.stream.Stream.of("previs",
        "comfyui"), HOSTED.stream()).toList();

    /** No section: every shot on the backend the command line names (previs by default). */
    public static final ShootPlan NONE = new ShootPlan(Map.of(), Map.of(), List.of(), Map.of(), Optional.empty(),
        Map.of(), Map.of());

    /** @return true when film.yaml has no shoot section */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
