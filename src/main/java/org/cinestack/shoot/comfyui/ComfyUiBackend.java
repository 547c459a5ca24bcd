package org.cinestack.shoot.comfyui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.remote.Budget;
import org.cinestack.shoot.remote.Capabilities;
import org.cinestack.shoot.remote.GenerationRequest;
import org.cinestack.shoot.remote.Http;
import org.cinestack.shoot.remote.Ledger;
import org.cinestack.shoot.remote.RemoteBackend;
import org.cinestack.shoot.remote.ShootException;

/**
 * Generates takes on one or more local ComfyUI servers (ComfyUI's server routes: {@code POST /prompt},
 * {@code GET /history/{prompt_id}}, {@code GET /view}, {@code POST /upload/image}, {@code GET /queue},
 * {@code POST /queue}, {@code POST /interrupt}, and the websocket {@code /ws?clientId=}; see docs.comfy.org,
 * "Server routes" and "Messages").
 * <ul>
 *   <li>A job goes to the server with the fewest jobs in flight and stays there.</li>
 *   <li>{@code POST /prompt} carries the filled workflow, our {@code client_id}, the take's client task id as
 *       {@code prompt_id} (servers that take one use it; older ones mint their own, which is read from the answer)
 *       and as {@code extra_data.cinestack_task}, so a take submitted by a run that died is found in the queue or the
 *       history instead of being queued again.</li>
 *   <li>Progress comes from the websocket ({@code progress}; done is {@code executing} with {@code node: null});
 *       the history is polled as well, so a lost socket costs time, not the take.</li>
 *   <li>The take is the output of the workflow's save node, fetched with {@code /view}.</li>
 *   <li>The clip is made at the model's own rate and size (multiples of 16 near {@code pixels}, the picture's aspect;
 *       Wan's 4k+1 frames) and conformed to the film's.</li>
 * </ul>
 */
public final class ComfyUiBackend extends RemoteBackend {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * How to use the servers.
     *
     * @param servers     base URLs, for example {@code http://127.0.0.1:8188}
     * @param workflow    the user's workflow; empty for the built-in templates (text-to-video; video-to-video when a
     *                    control video is given)
     * @param nativeFps   the model's frame rate (Wan 2.1: 16)
     * @param pixels      the model's picture area (Wan 2.1 480p: 832 x 480)
     * @param jobTimeout  the longest a job may take
     * @param pollEvery   how often the history is polled while waiting
     * @param retry       HTTP retries
     */
    public record Settings(List<String> servers, Optional<ComfyWorkflow> workflow, int nativeFps, int pixels,
                           Duration jobTimeout, Duration pollEvery, Http.RetryPolicy retry) {
        /** Wan 2.1 defaults on these servers. */
        public static Settings of(List<String> servers) {
            return new Settings(servers, Optional.empty(), 16, 832 * 480, Duration.ofHours(2), Duration.ofSeconds(5),
                Http.RetryPolicy.DEFAULT);
        }
    }

    private final Settings settings;
    private final Http http;
    private final String clientId = UUID.randomUUID().toString();
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<WebSocket>> sockets = new ConcurrentHashMap<>();
    private final Function<ShotSpec, Optional<Path>> controlVideo;

    /** A job being waited for. */
    private record Watch(CompletableFuture<Void> done, Progress progress, int frames) {
    }

    /**
     * @param cacheFolder  the project's {@code .cinestack} folder (jobs journal)
     * @param ledger       the spend ledger
     * @param budget       the run's budget (ComfyUI costs nothing, but the ledger still counts jobs)
     * @param settings     servers and workflow
     * @param controlVideo for a shot, the video its motion should follow (the previs depth pass), or empty
     */
    public ComfyUiBackend(Path cacheFolder, Ledger ledger, Budget budget, Settings settings,
                          Function<ShotSpec, Optional<Path>> controlVideo) {
        super(cacheFolder, ledger, budget);
        if (settings.servers().isEmpty()) throw new IllegalArgumentException("no ComfyUI server");
        this.settings = settings;
        this.http = new Http("comfyui", settings.retry(), List.of());
        this.controlVideo = controlVideo;
        for (String s : settings.servers()) inFlight.put(s, 0);
    }

    @Override
    public String id() {
        return "comfyui";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, true, 0, true, (4 * 20 + 1) / (double) settings.nativeFps(), List.of(),
            false, 2000, 0, settings.servers().size() * 2);
    }

    /**
     * What the built-in Wan 2.1 workflows take (ComfyUI {@code comfy_extras/nodes_wan.py}: {@code length} 4k+1 frames
     * at 16 fps, up to 81 in the built-in graphs; a seed and a negative prompt in every graph; read 2026-12-06). No
     * camera field: the move is kept only by VACE following the previs depth pass ({@code --previs-control}).
     */
    static final List<org.cinestack.shoot.remote.ModelRules> MODELS = List.of(
        wan("wan21-t2v", org.cinestack.shoot.remote.ModelRules.Input.TEXT),
        wan("wan21-i2v", org.cinestack.shoot.remote.ModelRules.Input.IMAGE),
        wan("wan21-vace-v2v", org.cinestack.shoot.remote.ModelRules.Input.ANY));

    private static org.cinestack.shoot.remote.ModelRules wan(String workflow,
                                                              org.cinestack.shoot.remote.ModelRules.Input input) {
        return new org.cinestack.shoot.remote.ModelRules(workflow, input, "", List.of(), 81 / 16.0, List.of(),
            List.of(), true, true, true, 0, List.of(), false, false, "ComfyUI comfy_extras/nodes_wan.py and the "
                + "built-in workflows, read 2026-12-06");
    }

    @Override
    public Optional<org.cinestack.shoot.remote.ModelRules> rules(GenerationRequest r) {
        org.cinestack.shoot.remote.ModelRules m = org.cinestack.shoot.remote.ModelRules.find(MODELS,
            workflowFor(r.controlVideo().isPresent(), r.firstFrame().isPresent()).name(), r.firstFrame().isPresent(),
            "");
        if (r.controlVideo().isPresent()) {
            m = m.withCameraAt(List.of(m.madeSeconds(r.durationSeconds())), "the move kept by the previs depth pass");
        }
        return Optional.of(m);
    }

    @Override
    public String model() {
        return settings.workflow().map(ComfyWorkflow::name).orElse("wan21-t2v");
    }

    /** The prompt and the workflow's identity matter, as well as the spec. */
    @Override
    public String digestInput(ShotSpec spec) {
        ComfyWorkflow w = workflowFor(controlVideo.apply(spec).isPresent(), !usedReferences(spec).isEmpty());
        return spec.canonicalJson() + "\nworkflow=" + ShotSpec.sha256(w.fill(Map.of()).toString()) + "\nfps="
            + settings.nativeFps() + " pixels=" + settings.pixels() + anchorsDigest(spec);
    }

    private ComfyWorkflow workflowFor(boolean control, boolean firstFrame) {
        return settings.workflow().orElseGet(() -> ComfyWorkflow.builtIn(control ? "wan21-vace-v2v" : firstFrame
            ? "wan21-i2v" : "wan21-t2v"));
    }

    @Override
    protected GenerationRequest request(ShotSpec spec) {
        GenerationRequest r = GenerationRequest.of(spec);
        Optional<Path> control = controlVideo.apply(spec);
        return control.isPresent() ? r.withControlVideo(control.get()) : r;
    }

    /** @return the model's size for a picture: multiples of 16, area near {@code pixels}, the picture's aspect */
    int[] modelSize(int width, int height) {
        double aspect = width / (double) height;
        int pixels = isDraft() ? settings.pixels() / 4 : settings.pixels();
        int w = (int) Math.max(16, Math.round(Math.sqrt(pixels * aspect) / 16) * 16);
        int h = (int) Math.max(16, Math.round(w / aspect / 16) * 16);
        return new int[] {w, h};
    }

    /** @return frames at the model's rate covering the clip: 4k+1 (Wan's temporal compression) */
    int modelFrames(double seconds) {
        int want = (int) Math.ceil(seconds * settings.nativeFps());
        return 4 * (int) Math.ceil((want - 1) / 4.0) + 1;
    }

    private Map<String, Object> slots(GenerationRequest r, String image, String control) {
        int[] size = modelSize(r.width(), r.height());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("prompt", r.prompt());
        v.put("negative", r.negative());
        v.put("seed", r.seed());
        v.put("frames", modelFrames(r.durationSeconds()));
        v.put("fps", settings.nativeFps());
        v.put("width", size[0]);
        v.put("height", size[1]);
        v.put("prefix", "cinestack/" + r.shotId());
        if (image != null) v.put("image", image);
        if (control != null) v.put("control_video", control);
        return v;
    }

    @Override
    public JsonNode requestBody(GenerationRequest r) {
        ObjectNode body = JSON.createObjectNode();
        body.set("prompt", workflowFor(r.controlVideo().isPresent(), r.firstFrame().isPresent()).fill(slots(r,
            r.firstFrame().map(p -> p.getFileName().toString()).orElse(null),
            r.controlVideo().map(p -> p.getFileName().toString()).orElse(null))));
        body.put("client_id", clientId);
        return body;
    }

    @Override
    protected String submit(GenerationRequest r, String clientTaskId) {
        String server = pickServer();
        inFlight.merge(server, 1, Integer::sum);
        String image = r.firstFrame().map(p -> upload(server, p)).orElse(null);
        String control = r.controlVideo().map(p -> upload(server, controlFor(p, modelFrames(r.durationSeconds()))))
            .orElse(null);
        ObjectNode body = JSON.createObjectNode();
        body.set("prompt", workflowFor(r.controlVideo().isPresent(), r.firstFrame().isPresent()).fill(slots(r, image, control)));
        body.put("client_id", clientId);
        body.put("prompt_id", clientTaskId);
        body.putObject("extra_data").put("cinestack_task", clientTaskId);
        socket(server); // listen before the job can finish
        HttpRequest post = HttpRequest.newBuilder(Http.uri(server, "/prompt")).header("Content-Type",
            "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<byte[]> resp = null;
        for (int attempt = 1; resp == null; attempt++) {
            try {
                resp = http.sendOnce(post, "submitting shot " + r.shotId());
            } catch (Http.ApiError e) {
                boolean transient_ = e.status() == 0 || e.status() == 429 || e.status() >= 500;
                if (!transient_ || attempt >= settings.retry().maxAttempts()) {
                    inFlight.merge(server, -1, Integer::sum);
                    throw new ShootException(explain(e), e);
                }
                // the answer may have been lost after the server queued the job: look before sending it again
                Optional<String> queued = lookup(clientTaskId, r);
                if (queued.isPresent()) return queued.get();
                try {
                    Thread.sleep(http.nextBackoff(attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    inFlight.merge(server, -1, Integer::sum);
                    throw new ShootException("comfyui: interrupted while submitting shot " + r.shotId(), ie);
                }
            }
        }
        JsonNode answer = parse(resp.body(), "POST /prompt");
        String promptId = answer.path("prompt_id").asString("");
        if (promptId.isEmpty()) {
            inFlight.merge(server, -1, Integer::sum);
            throw new ShootException("comfyui: " + server + " accepted shot " + r.shotId() + " but gave no prompt_id: "
                + answer, null);
        }
        return server + "#" + promptId;
    }

    /** Makes ComfyUI's validation errors readable: the node, its type and what is wrong. */
    private static String explain(Http.ApiError e) {
        String m = e.getMessage();
        int brace = m.indexOf('{');
        if (brace < 0) return m;
        try {
            JsonNode n = JSON.readTree(m.substring(brace));
            StringBuilder sb = new StringBuilder(m.substring(0, brace)).append(n.path("error").path("message").asString(""));
            for (Map.Entry<String, JsonNode> ne : n.path("node_errors").properties()) {
                for (JsonNode err : ne.getValue().path("errors")) {
                    sb.append("; node ").append(ne.getKey()).append(" (").append(ne.getValue().path("class_type")
                        .asString("")).append("): ").append(err.path("message").asString("")).append(' ')
                        .append(err.path("details").asString(""));
                }
            }
            return sb.append(" (is the model file installed on the server? see the workflow's loaders)").toString();
        } catch (RuntimeException ex) {
            return m;
        }
    }

    private synchronized String pickServer() {
        String best = settings.servers().getFirst();
        for (String s : settings.servers()) if (inFlight.get(s) < inFlight.get(best)) best = s;
        return best;
    }

    /** Uploads a file to the server's input folder; returns the name a loader node uses. */
    private String upload(String server, Path file) {
        String boundary = "cinestack-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            String name = "cinestack-" + org.cinestack.shoot.TakeStore.sha256(file)
                .substring(0, 16) + "-" + file.getFileName();
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(Files.readAllBytes(file));
            for (String[] f : new String[][] {{"type", "input"}, {"overwrite", "true"}}) {
                out.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n"
                    + f[1]).getBytes(StandardCharsets.UTF_8));
            }
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to upload it", e);
        }
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(Http.uri(server, "/upload/image"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), "uploading " + file.getFileName());
        JsonNode n = parse(r.body(), "POST /upload/image");
        String sub = n.path("subfolder").asString("");
        return sub.isEmpty() ? n.path("name").asString() : sub + "/" + n.path("name").asString();
    }

    @Override
    protected Optional<String> lookup(String clientTaskId, GenerationRequest request) {
        for (String server : settings.servers()) {
            try {
                JsonNode h = parse(http.send(get(server, "/history/" + clientTaskId), "looking up a job").body(),
                    "GET /history");
                if (h.has(clientTaskId)) return Optional.of(server + "#" + clientTaskId);
                JsonNode q = parse(http.send(get(server, "/queue"), "looking up a job").body(), "GET /queue");
                for (String list : new String[] {"queue_running", "queue_pending"}) {
                    for (JsonNode item : q.path(list)) {
                        if (item.path(1).asString("").equals(clientTaskId)
                            || item.path(3).path("cinestack_task").asString("").equals(clientTaskId)) {
                            return Optional.of(server + "#" + item.path(1).asString());
                        }
                    }
                }
                JsonNode recent = parse(http.send(get(server, "/history?max_items=256"), "looking up a job").body(),
                    "GET /history");
                for (Map.Entry<String, JsonNode> e : recent.properties()) {
                    if (e.getValue().path("prompt").path(3).path("cinestack_task").asString("").equals(clientTaskId)) {
                        return Optional.of(server + "#" + e.getKey());
                    }
                }
            } catch (Http.ApiError e) {
                // this server is down: the job cannot be there
            }
        }
        return Optional.empty();
    }

    private static HttpRequest get(String server, String path) {
        return HttpRequest.newBuilder(Http.uri(server, path)).GET().build();
    }

    @Override
    protected Result await(String jobId, GenerationRequest r, Progress progress) {
        String server = jobId.substring(0, jobId.indexOf('#')), promptId = jobId.substring(jobId.indexOf('#') + 1);
        Watch w = new Watch(new CompletableFuture<>(), progress, r.frames());
        watches.put(promptId, w);
        socket(server);
        long deadline = System.nanoTime() + settings.jobTimeout().toNanos();
        try {
            while (true) {
                try {
                    w.done().get(settings.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // poll the history below
                }
                JsonNode h = parse(http.send(get(server, "/history/" + promptId), "checking shot " + r.shotId())
                    .body(), "GET /history").path(promptId);
                if (!h.isMissingNode() && h.has("status") && (h.path("status").path("completed").asBoolean(false)
                    || "error".equals(h.path("status").path("status_str").asString("")))) {
                    return result(server, promptId, h, r);
                }
                if (!h.isMissingNode() && h.has("outputs") && !h.has("status")) return result(server, promptId, h, r);
                if (System.nanoTime() > deadline) {
                    cancel(jobId);
                    throw new ShootException("comfyui: shot " + r.shotId() + " did not finish in "
                        + settings.jobTimeout().toMinutes() + " min on " + server + "; it was cancelled", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(jobId);
            throw new ShootException("comfyui: shot " + r.shotId() + " was cancelled", e);
        } finally {
            watches.remove(promptId);
            inFlight.merge(server, -1, (a, b) -> Math.max(0, a + b));
        }
    }

    private Result result(String server, String promptId, JsonNode h, GenerationRequest r) {
        JsonNode status = h.path("status");
        if ("error".equals(status.path("status_str").asString(""))) {
            String why = "the job failed";
            for (JsonNode m : status.path("messages")) {
                if ("execution_error".equals(m.path(0).asString(""))) {
                    JsonNode d = m.path(1);
                    why = "node " + d.path("node_id").asString("?") + " (" + d.path("node_type").asString("?") + ") "
                        + "failed: " + d.path("exception_type").asString("") + ": " + d.path("exception_message")
                        .asString("").strip();
                } else if ("execution_interrupted".equals(m.path(0).asString(""))) {
                    why = "the job was interrupted on the server";
                }
            }
            throw new ShootException("comfyui: shot " + r.shotId() + " on " + server + ": " + why, null, true);
        }
        ComfyWorkflow w = workflowFor(r.controlVideo().isPresent(), r.firstFrame().isPresent());
        JsonNode out = h.path("outputs").path(w.outputNode());
        for (String key : new String[] {"images", "gifs", "videos"}) {
            for (JsonNode f : out.path(key)) {
                if (!"output".equals(f.path("type").asString("output"))) continue;
                String q = "/view?filename=" + enc(f.path("filename").asString()) + "&subfolder="
                    + enc(f.path("subfolder").asString("")) + "&type=output";
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("server", server);
                details.put("promptId", promptId);
                details.put("output", f.path("filename").asString());
                return new Result(server + q, 0, details);
            }
        }
        throw new ShootException("comfyui: shot " + r.shotId() + " finished on " + server + " but its save node "
            + w.outputNode() + " gave no file; does the workflow save a video?", null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    protected void download(Result result, Path file) {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(result.location())).GET().build(),
            "downloading " + result.details().get("output"));
        try {
            Files.write(file, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    protected void cancel(String jobId) {
        String server = jobId.substring(0, jobId.indexOf('#')), promptId = jobId.substring(jobId.indexOf('#') + 1);
        // once each and briefly: a cancel after an interrupt must not wait out the retry policy
        try {
            // servers with the jobs API cancel one job, running or waiting (Comfy-Org/ComfyUI pull request 14493,
            // POST /api/jobs/{id}/cancel answers {"cancelled": bool}; read 2026-12-06)
            http.sendOnce(json(server, "/api/jobs/" + promptId + "/cancel", "{}"), "cancel");
            return;
        } catch (Http.ApiError e) {
            if (e.status() != 404 && e.status() != 405) return; // the server has the route; it answered
        } catch (RuntimeException e) {
            return;
        }
        try {
            http.sendOnce(json(server, "/queue", "{\"delete\":[\"" + promptId + "\"]}"), "cancel");
            // POST /interrupt stops only the named job from ComfyUI 0.3.57 on (server.py post_interrupt, pull request
            // 9607); before, it stops whatever runs, someone else's job included, so it is sent there only while
            // ours is the one running
            if (interruptIsTargeted(server) || runningNow(server, promptId)) {
                http.sendOnce(json(server, "/interrupt", "{\"prompt_id\":\"" + promptId + "\"}"), "cancel");
            }
        } catch (RuntimeException e) {
            // best effort
        }
    }

    /** The first ComfyUI version whose {@code POST /interrupt} takes a {@code prompt_id} and stops only that job. */
    static final int[] TARGETED_INTERRUPT = {0, 3, 57};
    /** Per server, whether its {@code /interrupt} is targeted (read once from {@code GET /system_stats}). */
    private final Map<String, Boolean> targeted = new java.util.concurrent.ConcurrentHashMap<>();

    private HttpRequest json(String server, String path, String body) {
        return HttpRequest.newBuilder(Http.uri(server, path)).header("Content-Type", "application/json")
            .timeout(java.time.Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** @return true when the server's {@code system.comfyui_version} is {@link #TARGETED_INTERRUPT} or later */
    boolean interruptIsTargeted(String server) {
        return targeted.computeIfAbsent(server, s -> {
            try {
                JsonNode stats = parse(http.sendOnce(HttpRequest.newBuilder(Http.uri(s, "/system_stats"))
                    .timeout(java.time.Duration.ofSeconds(10)).GET().build(), "reading the server's version").body(),
                    "GET /system_stats");
                return atLeast(stats.path("system").path("comfyui_version").asString(""), TARGETED_INTERRUPT);
            } catch (RuntimeException e) {
                return false; // unknown: treated as old
            }
        });
    }

    /**
     * @param version a version as {@code /system_stats} gives it: {@code 0.3.64}, or {@code v0.3.10-12-gabc} from
     *                older servers
     * @param least   the least version
     * @return true when it is at least that; false when it does not read as a version
     */
    static boolean atLeast(String version, int[] least) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?([0-9]+)\\.([0-9]+)\\.([0-9]+).*")
            .matcher(version.strip());
        if (!m.matches()) return false;
        for (int i = 0; i < 3; i++) {
            int v = Integer.parseInt(m.group(i + 1));
            if (v != least[i]) return v > least[i];
        }
        return true;
    }

    /** @return true when {@code GET /queue} shows this job running now */
    private boolean runningNow(String server, String promptId) {
        JsonNode q = parse(http.sendOnce(HttpRequest.newBuilder(Http.uri(server, "/queue"))
            .timeout(java.time.Duration.ofSeconds(10)).GET().build(), "reading the queue").body(), "GET /queue");
        for (JsonNode item : q.path("queue_running")) {
            if (promptId.equals(item.path(1).asString(""))) return true;
        }
        return false;
    }

    /**
     * The control video as the model plays it: retimed to the model's frame rate and cut to the frames it makes
     * ({@code WanVaceToVideo} takes {@code control_video[:length]} frame for frame and nothing resamples it, ComfyUI
     * {@code comfy_extras/nodes_wan.py}, read 2026-12-06; Wan 2.1 runs at 16 fps), made once beside the original.
     *
     * @param video  the control video (the previs depth pass, at the film's rate)
     * @param frames the frames the model makes
     * @return the retimed video
     */
    Path controlFor(Path video, int frames) {
        String name = video.getFileName().toString().replaceAll("\\.mp4$", "");
        Path out = video.resolveSibling(name + "-" + settings.nativeFps() + "fps-" + frames + "f.mp4");
        if (Files.isRegularFile(out)) return out;
        try {
            Path tmp = org.cinestack.media.Staging.beside(out);
            try {
                org.cinestack.media.Conform.Source src = org.cinestack.media.Conform.probe(video);
                org.cinestack.media.Conform.toTake(video, tmp, src.width(), src.height(), settings.nativeFps(), frames);
                org.cinestack.media.Staging.place(tmp, out);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot retime the control video " + video, e);
        }
        return out;
    }

    /** Opens (once) the server's websocket, which reports progress and completion of our jobs. */
    private void socket(String server) {
        sockets.computeIfAbsent(server, s -> {
            URI ws = URI.create(s.replaceFirst("^http", "ws").replaceAll("/+$", "") + "/ws?clientId=" + clientId);
            return http.client().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, new Listener()).exceptionally(e -> null); // no socket: the history poll still works
        });
    }

    /** Dispatches websocket text messages ({"type", "data"}) to the jobs they name. Binary previews are ignored. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode m = JSON.readTree(message);
                    JsonNode d = m.path("data");
                    Watch w = watches.get(d.path("prompt_id").asString(""));
                    if (w != null) {
                        switch (m.path("type").asString("")) {
                            case "progress" -> {
                                int max = Math.max(1, d.path("max").asInt(1));
                                w.progress().frames((int) ((long) w.frames() * d.path("value").asInt(0) / max),
                                    w.frames());
                            }
                            case "executing" -> {
                                if (d.path("node").isNull()) w.done().complete(null);
                            }
                            case "execution_success", "execution_error", "execution_interrupted" ->
                                w.done().complete(null);
                            default -> { }
                        }
                    }
                } catch (RuntimeException e) {
                    // not JSON: ignore
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }
    }

    private static JsonNode parse(byte[] body, String what) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            String s = new String(body, StandardCharsets.UTF_8);
            throw new ShootException("comfyui: " + what + " answered something that is not JSON: "
                + (s.length() > 200 ? s.substring(0, 200) + "..." : s), e);
        }
    }

    /** @return the server list from a comma-separated value (the {@code COMFYUI_URL} variable or the option) */
    public static List<String> servers(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String s : commaSeparated.split(",")) if (!s.isBlank()) out.add(s.strip().replaceAll("/+$", ""));
        return out;
    }
}
