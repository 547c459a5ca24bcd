package org.cinestack.shoot.comfyui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.media.VideoWriter;

/**
 * A stand-in ComfyUI server on loopback, speaking the routes and websocket messages of ComfyUI's server
 * (docs.comfy.org, "Server routes" and "Messages"): {@code POST /prompt} (honouring a client-chosen prompt_id),
 * {@code GET /history[/{id}]}, {@code GET /queue}, {@code POST /queue}, {@code POST /interrupt}, {@code GET /view},
 * {@code POST /upload/image}, and {@code /ws?clientId=} with {@code status}, {@code execution_start},
 * {@code progress}, {@code executing}, {@code executed} and {@code execution_success}. Each job "runs" for a set time
 * and its output is a real H.264 clip of the size, length and rate the workflow asked for. Everything received is
 * kept for the tests to check.
 */
public final class FakeComfyUi implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A job as received. */
    public record Job(String promptId, ObjectNode body, long receivedNanos) {
    }

    private final Javalin app;
    private final Path files;
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> history = new ConcurrentHashMap<>();
    private final List<String> pending = new CopyOnWriteArrayList<>();
    private final Map<String, WsContext> sockets = new ConcurrentHashMap<>();
    /** Every POST /prompt body, in order (including refused ones). */
    public final List<ObjectNode> posts = new CopyOnWriteArrayList<>();
    /** Uploaded file names. */
    public final List<String> uploads = new CopyOnWriteArrayList<>();
    /** How long a job runs, ms. */
    public volatile long jobMillis = 200;
    /** Answer the next n POST /prompt with 503 after queueing the job (a lost answer). */
    public final AtomicInteger loseAnswers = new AtomicInteger();
    /** Fail the next n jobs with an execution error. */
    public final AtomicInteger failJobs = new AtomicInteger();
    /** Cut the next n downloads short. */
    public final AtomicInteger truncateDownloads = new AtomicInteger();
    private final AtomicInteger number = new AtomicInteger();

    /**
     * @param files a folder for the clips it makes
     */
    public FakeComfyUi(Path files) {
        this.files = files;
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/prompt", ctx -> {
                ObjectNode body = (ObjectNode) JSON.readTree(ctx.body());
                posts.add(body);
                if (!body.path("prompt").isObject() || body.path("client_id").asString("").isEmpty()) {
                    ctx.status(400).result("{\"error\":{\"type\":\"no_prompt\",\"message\":\"No prompt provided\"},"
                        + "\"node_errors\":{}}");
                    return;
                }
                for (Map.Entry<String, JsonNode> n : body.path("prompt").properties()) {
                    if (!n.getValue().has("class_type") || !n.getValue().has("inputs")) {
                        ctx.status(400).result("{\"error\":{\"type\":\"missing_node_type\",\"message\":\"node "
                            + n.getKey() + " has no class_type\"},\"node_errors\":{}}");
                        return;
                    }
                }
                String id = body.path("prompt_id").asString("");
                if (id.isEmpty()) id = UUID.randomUUID().toString();
                if (!jobs.containsKey(id)) {
                    jobs.put(id, new Job(id, body, System.nanoTime()));
                    pending.add(id);
                    String pid = id;
                    runner.schedule(() -> run(pid), jobMillis, TimeUnit.MILLISECONDS);
                }
                if (loseAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    ctx.status(503).result("{\"error\":\"busy\"}");
                    return;
                }
                ctx.contentType("application/json").result("{\"prompt_id\":\"" + id + "\",\"number\":"
                    + number.incrementAndGet() + ",\"node_errors\":{}}");
            });
            c.routes.get("/history/{id}", ctx -> {
                ObjectNode h = history.get(ctx.pathParam("id"));
                ctx.contentType("application/json").result(h == null ? "{}" : "{\"" + ctx.pathParam("id") + "\":" + h
                    + "}");
            });
            c.routes.get("/history", ctx -> {
                ObjectNode all = JSON.createObjectNode();
                history.forEach(all::set);
                ctx.contentType("application/json").result(all.toString());
            });
            c.routes.get("/queue", ctx -> {
                ObjectNode q = JSON.createObjectNode();
                ArrayNode running = q.putArray("queue_running"), waiting = q.putArray("queue_pending");
                for (String id : pending) {
                    Job j = jobs.get(id);
                    ArrayNode item = (id.equals(pending.getFirst()) ? running : waiting).addArray();
                    item.add(0).add(id).add(j.body().get("prompt")).add(j.body().path("extra_data")).addArray();
                }
                ctx.contentType("application/json").result(q.toString());
            });
            c.routes.post("/queue", ctx -> {
                for (JsonNode id : JSON.readTree(ctx.body()).path("delete")) pending.remove(id.asString());
                ctx.result("");
            });
            c.routes.post("/interrupt", ctx -> ctx.result(""));
            c.routes.get("/view", ctx -> {
                Path f = files.resolve(ctx.queryParam("filename"));
                if (!"output".equals(ctx.queryParam("type")) || !Files.isRegularFile(f)) {
                    ctx.status(404).result("not found");
                    return;
                }
                byte[] bytes = Files.readAllBytes(f);
                if (truncateDownloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    bytes = java.util.Arrays.copyOf(bytes, bytes.length / 3);
                }
                ctx.contentType("video/mp4").result(bytes);
            });
            c.routes.post("/upload/image", ctx -> {
                var up = ctx.uploadedFile("image");
                Files.write(files.resolve("input-" + up.filename()), up.content().readAllBytes());
                uploads.add(up.filename());
                ctx.contentType("application/json").result("{\"name\":\"" + up.filename()
                    + "\",\"subfolder\":\"\",\"type\":\"input\"}");
            });
            c.routes.ws("/ws", ws -> ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
                sockets.put(ctx.queryParam("clientId"), ctx);
                ctx.send("{\"type\":\"status\",\"data\":{\"status\":{\"exec_info\":{\"queue_remaining\":0}},\"sid\":\""
                    + ctx.queryParam("clientId") + "\"}}");
            }));
        }).start("127.0.0.1", 0);
    }

    /** @return the base URL */
    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** @return jobs received, by prompt id */
    public Map<String, Job> jobs() {
        return Collections.unmodifiableMap(jobs);
    }

    private void run(String id) {
        Job j = jobs.get(id);
        if (j == null || !pending.contains(id)) return;
        String client = j.body().path("client_id").asString();
        send(client, "{\"type\":\"execution_start\",\"data\":{\"prompt_id\":\"" + id + "\"}}");
        for (int v = 1; v <= 4; v++) send(client, "{\"type\":\"progress\",\"data\":{\"value\":" + v + ",\"max\":4,"
            + "\"prompt_id\":\"" + id + "\",\"node\":\"8\"}}");
        ObjectNode entry = JSON.createObjectNode();
        ArrayNode p = entry.putArray("prompt");
        p.add(number.get()).add(id).add(j.body().get("prompt")).add(j.body().path("extra_data")).addArray();
        ObjectNode status = entry.putObject("status");
        ArrayNode messages = status.putArray("messages");
        if (failJobs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status.put("status_str", "error").put("completed", false);
            messages.addArray().add("execution_error").addObject().put("prompt_id", id).put("node_id", "8")
                .put("node_type", "KSampler").put("exception_type", "torch.OutOfMemoryError")
                .put("exception_message", "Allocation on device failed");
            entry.putObject("outputs");
        } else {
            String save = null;
            int w = 64, h = 64, frames = 17;
            double fps = 16;
            for (Map.Entry<String, JsonNode> n : j.body().path("prompt").properties()) {
                JsonNode in = n.getValue().path("inputs");
                String type = n.getValue().path("class_type").asString("");
                if (type.startsWith("Save")) save = n.getKey();
                if (in.has("length") && in.has("width")) {
                    w = in.path("width").asInt();
                    h = in.path("height").asInt();
                    frames = in.path("length").asInt();
                }
                if (type.equals("CreateVideo")) fps = in.path("fps").asDouble();
            }
            String file = id + ".mp4";
            clip(files.resolve(file), w, h, (int) Math.round(fps), frames);
            ObjectNode out = entry.putObject("outputs").putObject(save);
            out.putArray("images").addObject().put("filename", file).put("subfolder", "cinestack").put("type",
                "output");
            out.putArray("animated").add(true);
            status.put("status_str", "success").put("completed", true);
            messages.addArray().add("execution_success").addObject().put("prompt_id", id);
            send(client, "{\"type\":\"executed\",\"data\":{\"node\":\"" + save + "\",\"output\":" + out
                + ",\"prompt_id\":\"" + id + "\"}}");
        }
        history.put(id, entry);
        pending.remove(id);
        send(client, "{\"type\":\"executing\",\"data\":{\"node\":null,\"prompt_id\":\"" + id + "\"}}");
    }

    private void send(String client, String message) {
        WsContext ws = sockets.get(client);
        if (ws != null) {
            try {
                ws.send(message);
            } catch (RuntimeException e) {
                sockets.remove(client);
            }
        }
    }

    /** A real clip: a moving bar on grey, so decoding and conforming have something to do. */
    public static void clip(Path file, int w, int h, int fps, int frames) {
        int ew = w + (w & 1), eh = h + (h & 1);
        try (VideoWriter v = new VideoWriter(file, ew, eh, fps, false, VideoWriter.Settings.TAKE)) {
            byte[] px = new byte[ew * eh * 3];
            for (int f = 0; f < frames; f++) {
                java.util.Arrays.fill(px, (byte) 90);
                int x0 = f * ew / Math.max(1, frames);
                for (int y = 0; y < eh; y++) for (int x = x0; x < Math.min(ew, x0 + ew / 10); x++) {
                    px[3 * (y * ew + x)] = (byte) 200;
                }
                v.write(px);
            }
        }
    }

    /**
     * @param name an uploaded file's name, as in {@link #uploads}
     * @return where the server keeps it
     */
    public Path uploaded(String name) {
        return files.resolve("input-" + name);
    }

    /** @return prompt ids posted more than once */
    public List<String> postedTwice() {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (ObjectNode b : posts) n.merge(b.path("prompt_id").asString(""), 1, Integer::sum);
        List<String> out = new ArrayList<>();
        n.forEach((k, v) -> {
            if (v > 1) out.add(k);
        });
        return out;
    }

    @Override
    public void close() {
        runner.shutdownNow();
        app.stop();
    }
}
