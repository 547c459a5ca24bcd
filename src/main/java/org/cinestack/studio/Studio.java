package org.cinestack.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.javalin.Javalin;
import io.javalin.http.Context;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.film.BadInputException;
import org.cinestack.render.Circling;
import org.cinestack.render.Project;
import org.cinestack.render.ShotBoard;

/**
 * The studio: a local web app and REST API over the films in a folder ({@code cinestack studio}). Javalin serves
 * server-rendered pages and JSON; the pages use the same API as any client ({@link OpenApi} describes it at
 * {@code /openapi.json}), and the API calls the same core as the command line ({@link ShotBoard},
 * {@link Circling}): there is no second path. {@link Access} decides every request; files are served only from
 * inside a film's folder; request bodies are limited to {@value #MAX_BODY} bytes.
 */
public final class Studio implements AutoCloseable {
    /** The largest request body taken, bytes. */
    public static final long MAX_BODY = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> TYPES = Map.of("jpg", "image/jpeg", "png", "image/png", "mp4",
        "video/mp4", "json", "application/json", "html", "text/html; charset=utf-8", "otio", "application/json",
        "edl", "text/plain; charset=utf-8", "fcpxml", "application/xml", "mlt", "application/xml", "wav",
        "audio/wav");

    private final Javalin app;
    private final Films films;
    private final Access access;


    private Studio(Javalin app, Films films, Access access) {
        this.app = app;
        this.films = films;
        this.access = access;
    }

    /**
     * Starts the studio.
     *
     * @param folder the folder whose films it serves
     * @param host   the address to listen on (127.0.0.1 by default; any other needs a token)
     * @param port   the port, 0 for any free one
     * @param token  a token to ask for, or empty (one is made when the address is not loopback)
     * @return the running studio
     * @throws java.io.UncheckedIOException when the folder cannot be read
     */
    public static Studio start(Path folder, String host, int port, Optional<String> token) {
        return start(folder, host, port, token, Double.POSITIVE_INFINITY);
    }

    /**
     * Starts the studio with a budget for each film's generative takes.
     *
     * @param folder    the folder whose films it serves
     * @param host      the address to listen on (127.0.0.1 by default; any other needs a token)
     * @param port      the port, 0 for any free one
     * @param token     a token to ask for, or empty (one is made when the address is not loopback)
     * @param budgetUsd what each film may spend on generative takes in all, US dollars (its ledger counts what was
     *                  spent; a render started here may spend what is left); infinite for no limit
     * @return the running studio
     * @throws java.io.UncheckedIOException when the folder cannot be read
     */
    public static Studio start(Path folder, String host, int port, Optional<String> token, double budgetUsd) {
        Films films = Films.in(folder);
        Access[] access = new Access[1];
        Renders renders = new Renders();
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = MAX_BODY;
            c.routes.before(ctx -> guard(ctx, access[0]));
            c.routes.get("/", ctx -> ctx.html(Pages.films(films.all(), films.root())));
            c.routes.get("/login", ctx -> login(ctx, access[0]));
            c.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApi.document()));
            c.routes.get("/films/{film}", ctx -> {
                Project p = project(films, ctx);
                String status = ctx.queryParam("status");
                ctx.html(Pages.board(ctx.pathParam("film"), ShotBoard.of(p), p.folder(), status));
            });
            c.routes.get("/films/{film}/shots/{shot}", ctx -> {
                Project p = project(films, ctx);
                ShotBoard.Card card = card(ShotBoard.of(p), ctx.pathParam("shot"));
                org.cinestack.film.Film film = p.film();
                org.cinestack.plan.ShotSpec spec = spec(film, card.shot());
                ctx.html(Pages.shot(ctx.pathParam("film"), card, p.folder(), Pages.prompts(spec,
                    org.cinestack.render.Routing.routes(film, "").get(spec.shotId()),
                    org.cinestack.render.ShotRequests.all(p, film, spec))));
            });
            c.routes.get("/api/films/{film}/shots/{shot}/prompts", ctx -> {
                Project p = project(films, ctx);
                org.cinestack.film.Film film = p.film();
                org.cinestack.plan.ShotSpec spec = spec(film, ctx.pathParam("shot"));
                org.cinestack.render.Routing.Route route = org.cinestack.render.Routing.routes(film, "")
                    .get(spec.shotId());
                json(ctx, 200, ApiBodies.prompts(p, film, spec, route));
            });
            c.routes.get("/api/films", ctx -> {
                List<Map<String, Object>> out = new ArrayList<>();
                films.all().forEach((id, file) -> out.add(Map.of("id", id, "file",
                    films.root().relativize(file).toString())));
                json(ctx, 200, Map.of("films", out));
            });
            c.routes.get("/api/films/{film}/board", ctx -> {
                Project p = project(films, ctx);
                json(ctx, 200, ApiBodies.board(ctx.pathParam("film"), ShotBoard.of(p), p.folder()));
            });
            c.routes.post("/api/films/{film}/shots/{shot}/circle", ctx -> circle(films, ctx));
            c.routes.post("/api/films/{film}/shots/{shot}/note", ctx -> note(films, ctx));
            c.routes.get("/api/films/{film}/shots/{shot}/edit", ctx -> {
                Project p = project(films, ctx);
                Map.Entry<String, String> yaml = org.cinestack.render.ShotEditing.read(p);
                json(ctx, 200, Map.of("version", yaml.getValue(), "fields", org.cinestack.film.ShotEdit.FIELDS,
                    "values", org.cinestack.film.ShotEdit.values(yaml.getKey(), p.file().getFileName().toString(),
                        ctx.pathParam("shot"))));
            });
            c.routes.post("/api/films/{film}/shots/{shot}/edit", ctx -> editShot(films, ctx));
            c.routes.get("/films/{film}/master", ctx -> {
                Project p = project(films, ctx);
                ctx.html(OutputPages.master(ctx.pathParam("film"), org.cinestack.render.Delivered.of(p), p.folder()));
            });
            c.routes.get("/api/films/{film}/master", ctx -> json(ctx, 200, ApiBodies.master(ctx.pathParam("film"),
                project(films, ctx))));
            c.routes.get("/films/{film}/ledger", ctx -> {
                Project p = project(films, ctx);
                ctx.html(OutputPages.ledger(ctx.pathParam("film"), p.film().title(),
                    org.cinestack.render.LedgerSummary.of(p), budgetUsd));
            });
            c.routes.get("/api/films/{film}/ledger", ctx -> {
                json(ctx, 200, ApiBodies.ledger(org.cinestack.render.LedgerSummary.of(project(films, ctx)),
                    budgetUsd));
            });
            c.routes.get("/films/{film}/provenance", ctx -> {
                Project p = project(films, ctx);
                Optional<Path> f = org.cinestack.render.Delivered.of(p).provenance();
                ctx.html(OutputPages.provenance(ctx.pathParam("film"), p.film().title(), f.isEmpty() ? null
                    : JSON.readTree(f.get().toFile()), f.map(x -> Pages.file(ctx.pathParam("film"), p.folder(), x))
                    .orElse("")));
            });
            c.routes.get("/api/films/{film}/provenance", ctx -> {
                Optional<Path> f = org.cinestack.render.Delivered.of(project(films, ctx)).provenance();
                if (f.isEmpty()) throw new NotFound("no provenance yet: render the film");
                ctx.contentType("application/json").result(Files.readString(f.get()));
            });
            c.routes.get("/files/{film}/<path>", ctx -> file(films, ctx));
            c.routes.post("/api/films/{film}/render", ctx -> {
                Project p = project(films, ctx);
                JsonNode body = body(ctx, "{} for the film, or {\"shots\": [\"<shot id>\", ...]}");
                if (body == null) return;
                List<String> shots = new ArrayList<>();
                for (JsonNode s : body.path("shots")) shots.add(s.asString(""));
                if (!body.path("shots").isMissingNode() && (!body.path("shots").isArray() || shots.contains(""))) {
                    json(ctx, 400, Map.of("error", "\"shots\" must be a list of shot ids"));
                    return;
                }
                ShotBoard board = ShotBoard.of(p);
                for (String s : shots) card(board, s);
                int takes = board.cards().stream().mapToInt(x -> x.takes().size()).max().orElse(1);
                double left = budgetUsd - org.cinestack.render.LedgerSummary.of(p).totalUsd();
                Renders.Run run = renders.start(ctx.pathParam("film"), p, takes, shots, Math.max(0, left));
                ctx.status(202).contentType("application/json").result(run.json());
            });
            c.routes.post("/api/films/{film}/render/cancel", ctx -> {
                project(films, ctx);
                Renders.Run run = renders.cancel(ctx.pathParam("film"));
                if (run == null) {
                    json(ctx, 409, Map.of("error", "no render of this film is running"));
                    return;
                }
                ctx.status(202).contentType("application/json").result(run.json());
            });
            c.routes.get("/api/films/{film}/render", ctx -> {
                project(films, ctx);
                Renders.Run run = renders.last(ctx.pathParam("film"));
                if (run == null) throw new NotFound("no render of this film since the studio started");
                ctx.contentType("application/json").result(run.json());
            });
            c.routes.sse("/api/films/{film}/render/events", client -> {
                String film = client.ctx().pathParam("film");
                if (films.project(film).isEmpty()) {
                    client.sendEvent("error", "{\"error\":\"no such film\"}");
                    client.close();
                    return;
                }
                client.keepAlive();
                java.util.function.Consumer<String> follower = j -> {
                    synchronized (client) {
                        client.sendEvent("render", j);
                    }
                };
                synchronized (client) { // heard from now on, and told where things stand, first
                    client.onClose(renders.follow(film, follower));
                    Renders.Run run = renders.last(film);
                    follower.accept(run == null ? "{\"state\":\"none\",\"queued\":[]}" : run.json());
                }
            });
            c.routes.exception(NotFound.class, (e, ctx) -> json(ctx, 404, Map.of("error", e.getMessage())));
            c.routes.exception(BadInputException.class, (e, ctx) -> json(ctx, 400, Map.of("error",
                e.getMessage(), "problems", e.problems().stream().map(x -> Map.of("line", x.line(), "column",
                    x.column(), "message", x.message())).toList())));
            c.routes.exception(org.cinestack.render.ShotEditing.Stale.class, (e, ctx) -> json(ctx, 409, Map.of(
                "error", e.getMessage(), "changed", e.changed())));
            c.routes.exception(Exception.class, (e, ctx) -> json(ctx, 500, Map.of("error", "the studio could not "
                + "answer: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                + e.getMessage().lines().findFirst().orElse("")))));
        });
        app.start(host, port);
        access[0] = Access.of(host, app.port(), token);
        return new Studio(app, films, access[0]);
    }

    /** @return the studio's address, {@code http://127.0.0.1:port} */
    public String url() {
        String h = access.host().contains(":") ? "[" + access.host() + "]" : access.host();
        return "http://" + h + ":" + app.port();
    }

    /** @return the one-time link that lets a browser in (sets the token's cookie), or the URL when none is needed */
    public String loginUrl() {
        return access.token().map(t -> url() + "/login?token=" + t).orElse(url() + "/");
    }

    /** @return how requests are decided */
    public Access access() {
        return access;
    }

    /** @return the films served */
    public Films films() {
        return films;
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void guard(Context ctx, Access access) {
        if (ctx.contentLength() > MAX_BODY) {
            halt(ctx, 413, "the request's body is over " + MAX_BODY + " bytes");
            return;
        }
        if (ctx.path().equals("/login") && access.tokenMatches(ctx.queryParam("token"))
            && access.check("GET", ctx.header("Host"), null, null, null, null) != Access.Verdict.WRONG_HOST) {
            return;
        }
        Access.Verdict v = access.check(ctx.method().name(), ctx.header("Host"), ctx.header("Origin"),
            ctx.header("Sec-Fetch-Site"), ctx.header("Authorization"), ctx.cookie(Access.COOKIE));
        switch (v) {
            case ALLOWED -> { }
            case WRONG_HOST -> halt(ctx, 421, "this studio answers only to its own address");
            case NO_TOKEN -> halt(ctx, 401, "this studio needs its token: open the link it printed, or send "
                + "Authorization: Bearer <token>");
            case CROSS_SITE -> halt(ctx, 403, "a change must come from the studio's own pages");
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (v == Access.Verdict.ALLOWED && ctx.method().name().equals("POST") && ctx.path().startsWith("/api/")
            && !type.startsWith("application/json")) {
            // a form on another site cannot send JSON without asking first (CORS preflight), so changes take JSON only
            halt(ctx, 415, "send JSON (Content-Type: application/json)");
        }
    }

    private static void halt(Context ctx, int status, String why) {
        ctx.skipRemainingHandlers();
        json(ctx, status, Map.of("error", why));
    }

    private static void login(Context ctx, Access access) {
        if (!access.tokenMatches(ctx.queryParam("token"))) {
            json(ctx, 401, Map.of("error", "that link is not this studio's"));
            return;
        }
        ctx.header("Set-Cookie", Access.COOKIE + "=" + access.token().orElseThrow() + "; Path=/; HttpOnly; "
            + "SameSite=Strict");
        ctx.redirect("/");
    }

    private static Project project(Films films, Context ctx) {
        return films.project(ctx.pathParam("film")).orElseThrow(() -> new NotFound("no film '"
            + ctx.pathParam("film") + "' in this studio"));
    }

    private static org.cinestack.plan.ShotSpec spec(org.cinestack.film.Film film, String shot) {
        return org.cinestack.plan.Planner.plan(film).specs().stream().filter(s -> s.shotId().equals(shot)).findFirst()
            .orElseThrow(() -> new NotFound("no shot '" + shot + "' in this film"));
    }

    private static ShotBoard.Card card(ShotBoard board, String shot) {
        return board.cards().stream().filter(c -> c.shot().equals(shot)).findFirst()
            .orElseThrow(() -> new NotFound("no shot '" + shot + "' in this film"));
    }

    /**
     * @param shape what to send, for the error
     * @return the request's JSON body, or null after answering 400 when it is not JSON
     */
    private static JsonNode body(Context ctx, String shape) {
        try {
            return JSON.readTree(ctx.body());
        } catch (tools.jackson.core.JacksonException e) {
            json(ctx, 400, Map.of("error", "the body is not JSON; send " + shape));
            return null;
        }
    }

    private static void circle(Films films, Context ctx) throws IOException {
        Project p = project(films, ctx); // the guard took only JSON bodies
        JsonNode body = body(ctx, "{\"take\": <number>}");
        if (body == null) return;
        if (!body.path("take").isIntegralNumber() || body.path("take").asInt() < 1) {
            json(ctx, 400, Map.of("error", "\"take\" must be a take's number, 1 or more"));
            return;
        }
        Circling.Circled c = Circling.circle(p, ctx.pathParam("shot"), body.path("take").asInt());
        json(ctx, 200, Map.of("shot", c.shot(), "take", c.take(), "by", "director"));
    }

    private static void note(Films films, Context ctx) throws IOException {
        Project p = project(films, ctx); // the guard took only JSON bodies
        JsonNode body = body(ctx, "{\"take\": <number>, \"note\": \"...\"}");
        if (body == null) return;
        if (!body.path("take").isIntegralNumber() || body.path("take").asInt() < 1 || !body.path("note").isString()) {
            json(ctx, 400, Map.of("error", "send {\"take\": <a take's number>, \"note\": \"<text>\"}"));
            return;
        }
        String kept = org.cinestack.render.Noting.note(p, ctx.pathParam("shot"), body.path("take").asInt(),
            body.path("note").asString());
        json(ctx, 200, Map.of("shot", ctx.pathParam("shot"), "take", body.path("take").asInt(), "note", kept));
    }

    private static void editShot(Films films, Context ctx) throws IOException {
        Project p = project(films, ctx);
        JsonNode body = body(ctx, "{\"version\", \"was\", \"changes\"}");
        if (body == null) return;
        if (!body.path("version").isString() || !body.path("changes").isObject()) {
            json(ctx, 400, Map.of("error", "send {\"version\": <from GET>, \"was\": {..}, \"changes\": "
                + "{\"camera.lens\": \"85\"}}"));
            return;
        }
        Map<String, String> changes = new LinkedHashMap<>(), was = new LinkedHashMap<>();
        body.path("changes").properties().forEach(e -> changes.put(e.getKey(), e.getValue().asString("")));
        body.path("was").properties().forEach(e -> was.put(e.getKey(), e.getValue().asString("")));
        String version = org.cinestack.render.ShotEditing.edit(p, ctx.pathParam("shot"), body.path("version")
            .asString(), was, changes);
        json(ctx, 200, Map.of("version", version));
    }

    private static void file(Films films, Context ctx) throws IOException {
        Project p = project(films, ctx);
        Path root = p.folder().toAbsolutePath().normalize();
        Path f;
        try {
            f = root.resolve(ctx.pathParam("path")).normalize();
        } catch (RuntimeException e) {
            throw new NotFound("no such file");
        }
        String name = f.getFileName() == null ? "" : f.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!f.startsWith(root) || !Files.isRegularFile(f) || !TYPES.containsKey(ext)
            || !f.toRealPath().startsWith(root.toRealPath())) {
            throw new NotFound("no such file");
        }
        ctx.contentType(TYPES.get(ext));
        ctx.result(Files.newInputStream(f));
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    }

    /** A film, shot or file that is not there: 404. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
