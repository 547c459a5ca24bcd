package org.cinestack.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cinestack.TestFilms;
import org.cinestack.render.FilmRender;
import org.cinestack.render.RenderListener;

/**
 * The studio's REST API on a rendered film, and every rule of its security: the board and its files; circling a take
 * writes film.lock as {@code cinestack circle} does; a Host that is not the studio's (DNS rebinding) is refused; a
 * change from another site (CSRF) is refused; with a token, nothing goes without it, and the one-time link sets the
 * cookie; files only from inside the film's folder, with plain, encoded and double-encoded {@code ..} a 404; bodies
 * over the limit refused; no secret in any answer.
 */
class StudioApiTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    static Studio studio;

    @BeforeAll
    static void renderAndStart() throws IOException {
        Path film = Files.createDirectories(dir.resolve("harbour"));
        Files.writeString(film.resolve("film.yaml"), TestFilms.withAna("Harbour", 320, 180, "EXT. QUAY - DAWN",
            "{id: a, size: ws, subject: ana, duration: 1}", "{id: b, size: mcu, subject: ana, duration: 1, "
                + "dialogue: [{character: ana, line: The boats are late.}]}"));
        FilmRender.render(film, new FilmRender.Options(null, 2, "previs", 1, new RenderListener() { })
            .withRetakes(0));
        Path slow = Files.createDirectories(dir.resolve("slow"));
        Files.writeString(slow.resolve("film.yaml"), TestFilms.withAna("Slow", 640, 360, "EXT. FIELD - DAY",
            "{id: a, size: ws, subject: ana, duration: 4}", "{id: b, size: ms, subject: ana, duration: 4}",
            "{id: c, size: cu, subject: ana, duration: 4}"));
        Path edits = Files.createDirectories(dir.resolve("edits"));
        Files.writeString(edits.resolve("film.yaml"), "# a film to edit\n" + TestFilms.withAna("Edits", 320, 180,
            "INT. ROOM - DAY", "{id: a, size: ws, subject: ana, duration: 1,  camera: {move: static, lens: 35}}",
            "{id: b, size: mcu, subject: ana, duration: 1}") + "# the end\n");
        studio = Studio.start(dir, "127.0.0.1", 0, Optional.empty());
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(studio.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(studio.url() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A raw request, for a Host header or a path the JDK client would not send as written. */
    static String raw(String requestLine, String host) throws IOException {
        URI u = URI.create(studio.url());
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.getOutputStream().write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBoardListsEveryShotWithItsTakesAndTheirFiles() throws Exception {
        JsonNode films = JSON.readTree(get("/api/films").body());
        assertThat(films.path("films")).extracting(f -> f.path("id").asString()).containsExactly("edits", "harbour", "slow");
        HttpResponse<String> r = get("/api/films/harbour/board");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode board = JSON.readTree(r.body());
        assertThat(board.path("shots")).hasSize(2);
        JsonNode b = board.path("shots").get(1);
        assertThat(b.path("shot").asString()).isEqualTo("b");
        assertThat(b.path("size").asString()).isEqualTo("mcu");
        assertThat(b.path("status").asString()).isEqualTo("circled");
        assertThat(b.path("dialogue").get(0).asString()).isEqualTo("ANA: The boats are late.");
        assertThat(b.path("takes")).hasSize(2);
        String still = b.at("/takes/0/still").asString();
        assertThat(still).startsWith("/files/harbour/.cinestack/");
        HttpResponse<byte[]> jpeg = HTTP.send(HttpRequest.newBuilder(URI.create(studio.url() + still)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(jpeg.body()[0] & 0xff).isEqualTo(0xff);
        assertThat(r.body()).as("no absolute path in an answer").doesNotContain(dir.toString());
        HttpResponse<String> page = get("/films/harbour");
        assertThat(page.body()).contains("data-shot=\"a\"").contains("data-shot=\"b\"").contains(still);
        assertThat(get("/films/harbour?status=planned").body()).doesNotContain("data-shot=\"a\"");
        assertThat(get("/api/films/nowhere/board").statusCode()).isEqualTo(404);
    }

    @Test
    void circlingATakeWritesFilmLockAsTheCommandDoes() throws Exception {
        JsonNode before = JSON.readTree(get("/api/films/harbour/board").body()).path("shots").get(0);
        int other = before.path("circled").asInt() == 1 ? 2 : 1;
        HttpResponse<String> r = post("/api/films/harbour/shots/a/circle", "{\"take\": " + other + "}",
            "Content-Type", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve("harbour/film.lock"))).containsPattern("a: \\{.*take: " + other
            + ",.*by: director");
        JsonNode after = JSON.readTree(get("/api/films/harbour/board").body()).path("shots").get(0);
        assertThat(after.path("circled").asInt()).isEqualTo(other);
        assertThat(after.path("circledBy").asString()).isEqualTo("director");
        assertThat(post("/api/films/harbour/shots/a/circle", "{\"take\": 9}", "Content-Type", "application/json")
            .statusCode()).isEqualTo(400);
        assertThat(post("/api/films/harbour/shots/a/circle", "take=1", "Content-Type",
            "application/x-www-form-urlencoded").statusCode()).as("a form (what another site can send)").isEqualTo(415);
        assertThat(post("/api/films/harbour/shots/a/circle", "{\"take\": \"x\"}", "Content-Type",
            "application/json").statusCode()).isEqualTo(400);
    }

    @Test
    void anotherHostOrAnotherSitesPageIsRefused() throws Exception {
        assertThat(raw("GET /api/films HTTP/1.1", "attacker.example:" + URI.create(studio.url()).getPort()))
            .startsWith("HTTP/1.1 421");
        assertThat(raw("GET /api/films HTTP/1.1", "127.0.0.1:" + URI.create(studio.url()).getPort()))
            .startsWith("HTTP/1.1 200");
        assertThat(post("/api/films/harbour/shots/a/circle", "{\"take\": 1}", "Content-Type", "application/json",
            "Origin", "http://attacker.example").statusCode()).isEqualTo(403);
        assertThat(post("/api/films/harbour/shots/a/circle", "{\"take\": 1}", "Content-Type", "application/json",
            "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    }

    @Test
    void filesComeOnlyFromInsideTheFilmsFolder() throws Exception {
        Files.writeString(dir.resolve("secret.json"), "{\"key\": \"sk-should-never-leave\"}");
        for (String path : new String[] {"/files/harbour/../secret.json", "/files/harbour/%2e%2e/secret.json",
            "/files/harbour/%252e%252e/secret.json", "/files/harbour/..%2fsecret.json",
            "/files/harbour/%2e%2e%2fsecret.json", "/files/harbour/film.yaml.bak", "/files/harbour/film.yaml"}) {
            String answer = raw("GET " + path + " HTTP/1.1", "127.0.0.1:" + URI.create(studio.url()).getPort());
            assertThat(answer).as(path).startsWith("HTTP/1.1 404").doesNotContain("sk-should-never-leave");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        String big = "{\"take\": 1, \"pad\": \"" + "x".repeat((int) Studio.MAX_BODY) + "\"}";
        // Expect: 100-continue, so the refusal comes before the body is sent (a browser's large upload may be cut
        // off by the refusal instead, which the JDK's client reports as a closed connection)
        HttpRequest r = HttpRequest.newBuilder(URI.create(studio.url() + "/api/films/harbour/shots/a/circle"))
            .expectContinue(true).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(big)).build();
        assertThat(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
    }

    @Test
    void withATokenNothingGoesWithoutIt() throws Exception {
        try (Studio locked = Studio.start(dir, "127.0.0.1", 0, Optional.of("t0ken-7f3a"))) {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> none = client.send(HttpRequest.newBuilder(URI.create(locked.url() + "/api/films"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).doesNotContain("t0ken-7f3a");
            HttpResponse<String> bearer = client.send(HttpRequest.newBuilder(URI.create(locked.url() + "/api/films"))
                .header("Authorization", "Bearer t0ken-7f3a").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bearer.statusCode()).isEqualTo(200);
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create(locked.url() + "/login?token=no"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(locked.loginUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("the link sets the cookie and the page follows").isEqualTo(200);
            assertThat(login.body()).contains("harbour");
            HttpResponse<String> withCookie = client.send(HttpRequest.newBuilder(URI.create(locked.url()
                + "/api/films")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withCookie.statusCode()).isEqualTo(200);
        }
        assertThat(Access.of("0.0.0.0", 1, Optional.empty()).token()).as("another address makes a token")
            .hasValueSatisfying(t -> assertThat(t).hasSize(64));
        assertThat(Access.of("127.0.0.1", 1, Optional.empty()).token()).isEmpty();
    }

    /**
     * Renders started from the studio are followed to their end over server-sent events; one of a film at a time, a
     * second waiting its turn in the queue.
     */
    @Test
    void aRenderIsStartedAndFollowedToItsEnd() throws Exception {
        assertThat(post("/api/films/harbour/render", "", "Content-Type", "text/plain").statusCode())
            .as("changes take JSON only").isEqualTo(415);
        HttpResponse<String> started = post("/api/films/harbour/render", "{}", "Content-Type", "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        HttpResponse<String> again = post("/api/films/harbour/render", "{\"shots\": [\"a\"]}", "Content-Type",
            "application/json");
        assertThat(again.statusCode()).isEqualTo(202);
        JsonNode second = JSON.readTree(again.body());
        long secondId = second.path("id").asLong();
        assertThat(secondId).isGreaterThan(JSON.readTree(started.body()).path("id").asLong());
        String firstState = JSON.readTree(get("/api/films/harbour/render").body()).path("state").asString();
        HttpResponse<java.util.stream.Stream<String>> events = HTTP.send(HttpRequest.newBuilder(URI.create(
            studio.url() + "/api/films/harbour/render/events")).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofLines());
        assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
            .startsWith("text/event-stream"));
        java.util.List<JsonNode> seen = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> lines = events.body()) {
            java.util.Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (!line.startsWith("data:")) continue;
                JsonNode j = JSON.readTree(line.substring(5).strip());
                seen.add(j);
                if (j.path("id").asLong() == secondId && !j.path("state").asString().equals("running")) break;
            }
        }
        if (firstState.equals("running")) { // the second waited its turn, and was said to
            assertThat(second.path("state").asString()).isEqualTo("queued");
            assertThat(seen).anyMatch(j -> j.path("queued").toString().contains("\"id\":" + secondId));
        }
        assertThat(seen.getLast().path("state").asString()).as(seen.getLast().toString()).isEqualTo("done");
        assertThat(seen.getLast().path("percent").asDouble()).isEqualTo(100.0);
        assertThat(seen.getLast().path("shots").toString()).isEqualTo("[\"a\"]");
        assertThat(seen).filteredOn(j -> j.path("state").asString().equals("done")).extracting(j -> j.path("id")
            .asLong()).as("the first ended before the second").endsWith(secondId);
        JsonNode last = JSON.readTree(get("/api/films/harbour/render").body());
        assertThat(last.path("state").asString()).isEqualTo("done");
        assertThat(last.path("id").asLong()).isEqualTo(secondId);
        assertThat(dir.resolve("harbour/out/harbour.mp4")).isRegularFile();
    }

    /**
     * A render cancelled from the studio ends as cancelled, saying what is kept, and the one queued behind it is
     * dropped; a cancel with none running finds none.
     */
    @Test
    void aRenderIsCancelled() throws Exception {
        assertThat(post("/api/films/slow/render/cancel", "{}", "Content-Type", "application/json").statusCode())
            .isEqualTo(409);
        HttpResponse<String> first = post("/api/films/slow/render", "{}", "Content-Type", "application/json");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(post("/api/films/slow/render", "{}", "Content-Type", "application/json").body())
            .path("state").asString()).as("waits its turn").isEqualTo("queued");
        HttpResponse<String> cancel = post("/api/films/slow/render/cancel", "{}", "Content-Type", "application/json");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        JsonNode last = null;
        for (int i = 0; i < 600; i++) {
            last = JSON.readTree(get("/api/films/slow/render").body());
            if (!last.path("state").asString().equals("running")) break;
            Thread.sleep(100);
        }
        assertThat(last.path("state").asString()).as(last.toString()).isEqualTo("cancelled");
        assertThat(last.path("error").asString()).contains("kept");
        assertThat(last.path("id").asLong()).as("the queued render was dropped, never started")
            .isEqualTo(JSON.readTree(first.body()).path("id").asLong());
        assertThat(last.path("queued")).isEmpty();
        assertThat(dir.resolve("slow/out/slow.mp4")).doesNotExist();
    }

    /**
     * A shot is edited through the API as film.yaml's own text: the file differs only on the changed line; a value the
     * rules refuse comes back as its problem and nothing is written; a file changed on disk since it was read is refused
     * with what changed.
     */
    @Test
    void aShotIsEditedKeepingEverythingElseAndAStaleSaveIsRefused() throws Exception {
        Path yaml = dir.resolve("edits/film.yaml");
        String before = Files.readString(yaml);
        JsonNode form = JSON.readTree(get("/api/films/edits/shots/a/edit").body());
        assertThat(form.at("/values/camera.lens").asString()).isEqualTo("35");
        String version = form.path("version").asString();
        String was = form.path("values").toString();
        HttpResponse<String> ok = post("/api/films/edits/shots/a/edit", "{\"version\": \"" + version + "\", \"was\": "
            + was + ", \"changes\": {\"camera.lens\": \"85\"}}", "Content-Type", "application/json");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String after = Files.readString(yaml);
        assertThat(after).isEqualTo(before.replace("camera: {move: static, lens: 35}",
            "camera: {move: static, lens: 85}"));
        String newVersion = JSON.readTree(ok.body()).path("version").asString();

        HttpResponse<String> bad = post("/api/films/edits/shots/a/edit", "{\"version\": \"" + newVersion + "\", "
            + "\"changes\": {\"duration\": \"-3\"}}", "Content-Type", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).at("/problems/0/message").asString()).contains("'duration'");
        assertThat(Files.readString(yaml)).isEqualTo(after);

        Files.writeString(yaml, after.replace("lens: 85", "lens: 50"));
        HttpResponse<String> stale = post("/api/films/edits/shots/a/edit", "{\"version\": \"" + newVersion + "\", "
            + "\"was\": {\"camera.lens\": \"85\"}, \"changes\": {\"size\": \"ms\"}}", "Content-Type",
            "application/json");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).at("/changed/0").asString()).contains("camera.lens is 50 now")
            .contains("the page had 85");
        assertThat(Files.readString(yaml)).contains("lens: 50").contains("size: ws");

        // a field shot b lacks is added to its mapping; the form lists every field, b's values where it has them
        JsonNode bForm = JSON.readTree(get("/api/films/edits/shots/b/edit").body());
        assertThat(bForm.path("fields").toString()).contains("camera.lens");
        assertThat(bForm.at("/values/camera.lens").isMissingNode()).isTrue();
        String text = Files.readString(yaml);
        HttpResponse<String> added = post("/api/films/edits/shots/b/edit", "{\"version\": \""
            + bForm.path("version").asString() + "\", \"was\": " + bForm.path("values") + ", \"changes\": "
            + "{\"camera.lens\": \"85\", \"emotion\": \"calm\"}}", "Content-Type", "application/json");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(Files.readString(yaml)).isEqualTo(text.replace("{id: b, size: mcu, subject: ana, duration: 1}",
            "{id: b, size: mcu, subject: ana, duration: 1, emotion: calm, camera: {lens: 85}}"));
    }

    @Test
    void aNoteOnATakeIsKeptInTheProjectAndShownInTheDailiesReport() throws Exception {
        HttpResponse<String> r = post("/api/films/harbour/shots/b/note", "{\"take\": 2, \"note\": \"  her eyeline "
            + "drifts <left>  \"}", "Content-Type", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("note").asString()).isEqualTo("her eyeline drifts <left>");
        JsonNode notes = JSON.readTree(Files.readString(dir.resolve("harbour/notes.json")));
        assertThat(notes.at("/notes/0/shot").asString()).isEqualTo("b");
        assertThat(notes.at("/notes/0/take").asInt()).isEqualTo(2);
        assertThat(notes.at("/notes/0/key").asString()).matches("[0-9a-f]{64}/2");
        JsonNode b = JSON.readTree(get("/api/films/harbour/board").body()).path("shots").get(1);
        assertThat(b.at("/takes/1/note").asString()).isEqualTo("her eyeline drifts <left>");
        assertThat(get("/films/harbour/shots/b").body()).contains("her eyeline drifts &lt;left&gt;</textarea>");
        Path report = org.cinestack.render.DailiesReport.write(org.cinestack.render.Project.of(dir.resolve("harbour")));
        assertThat(Files.readString(report)).contains("note: her eyeline drifts &lt;left&gt;");

        assertThat(post("/api/films/harbour/shots/b/note", "{\"take\": 9, \"note\": \"x\"}", "Content-Type",
            "application/json").statusCode()).isEqualTo(400);
        assertThat(post("/api/films/harbour/shots/b/note", "{\"take\": 1, \"note\": \"" + "x".repeat(2001) + "\"}",
            "Content-Type", "application/json").statusCode()).isEqualTo(400);
        assertThat(post("/api/films/harbour/shots/b/note", "{\"take\": 1}", "Content-Type", "application/json")
            .statusCode()).isEqualTo(400);
        assertThat(post("/api/films/harbour/shots/b/note", "{\"take\": 2, \"note\": \"\"}", "Content-Type",
            "application/json").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(Files.readString(dir.resolve("harbour/notes.json"))).path("notes")).isEmpty();
    }

    /**
     * The master's page and JSON give its cut as the OTIO file has it, with each clip's take from the provenance; the
     * ledger sums what backends cost, against the studio's budget; the provenance comes as its record and in words;
     * rendering one shot re-cuts the film with the others as they are.
     */
    @Test
    void theMasterTheLedgerAndTheProvenanceAreShownAndOneShotRenders() throws Exception {
        JsonNode master = JSON.readTree(get("/api/films/harbour/master").body());
        assertThat(master.path("master").asString()).isEqualTo("/files/harbour/out/harbour.mp4");
        assertThat(master.path("cut")).hasSize(2);
        JsonNode board = JSON.readTree(get("/api/films/harbour/board").body());
        for (int i = 0; i < 2; i++) {
            assertThat(master.at("/cut/" + i + "/shot").asString()).isEqualTo(board.at("/shots/" + i + "/shot")
                .asString());
            assertThat(master.at("/cut/" + i + "/take").asInt()).as("the take the cut uses").isEqualTo(JSON.readTree(
                dir.resolve("harbour/out/harbour.provenance.json").toFile()).at("/ingredients/" + i + "/take").asInt())
                .isPositive();
            assertThat(master.at("/cut/" + i + "/backend").asString()).isEqualTo("previs/1");
        }
        assertThat(master.at("/cut/0/recordIn").asString()).isEqualTo("00:00:00:00");
        assertThat(master.at("/cut/1/recordIn").asString()).isEqualTo(master.at("/cut/0/recordOut").asString())
            .isEqualTo("00:00:01:00");
        assertThat(master.path("files").toString()).contains("/files/harbour/out/harbour.otio",
            "/files/harbour/out/harbour.edl", "/files/harbour/out/harbour.provenance.json",
            "/files/harbour/out/harbour.dialogue.wav");
        String page = get("/films/harbour/master").body();
        assertThat(page).contains("<video id=\"master\"", "00:00:01:00", "harbour.fcpxml");
        assertThat(get("/films/slow/master").body()).contains("No master yet");

        // the ledger: a paid take of b (submitted, then succeeded) and a failed request
        int bTake = board.at("/shots/1/circled").asInt();
        org.cinestack.shoot.remote.Ledger ledger = new org.cinestack.shoot.remote.Ledger(dir.resolve(
            "harbour/.cinestack"));
        ledger.append(new org.cinestack.shoot.remote.Ledger.Entry("2026-12-08T00:00:00Z", "luma", "ray-2", "b",
            "0123456789abcdef", bTake, "t1", "", 0.5, 0, org.cinestack.shoot.remote.Ledger.Outcome.SUBMITTED, ""));
        ledger.append(new org.cinestack.shoot.remote.Ledger.Entry("2026-12-08T00:01:00Z", "luma", "ray-2", "b",
            "0123456789abcdef", bTake, "t1", "j1", 0.5, 0.4, org.cinestack.shoot.remote.Ledger.Outcome.SUCCEEDED,
            ""));
        try (Studio budgeted = Studio.start(dir, "127.0.0.1", 0, Optional.empty(), 1.0)) {
            JsonNode l = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(budgeted.url()
                + "/api/films/harbour/ledger")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(l.at("/byBackend/luma (ray-2)").asDouble()).isEqualTo(0.4);
            assertThat(l.at("/byShot/b").asDouble()).isEqualTo(0.4);
            assertThat(l.path("spentUsd").asDouble()).isEqualTo(0.4);
            assertThat(l.path("onCutUsd").asDouble()).as("b's take is the one the cut uses").isEqualTo(0.4);
            assertThat(l.path("leftUsd").asDouble()).isEqualTo(0.6);
            String ledgerPage = HTTP.send(HttpRequest.newBuilder(URI.create(budgeted.url()
                + "/films/harbour/ledger")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(ledgerPage).contains("spent $0.40", "budget $1.00, left $0.60", "b take " + bTake
                + " (luma, 01234567)");
        }
        assertThat(JSON.readTree(get("/api/films/harbour/ledger").body()).has("budgetUsd")).isFalse();

        JsonNode provenance = JSON.readTree(get("/api/films/harbour/provenance").body());
        assertThat(provenance.at("/ingredients/1/take").asInt()).isEqualTo(master.at("/cut/1/take").asInt());
        assertThat(get("/films/harbour/provenance").body()).contains("algorithmicMedia", "c2pa.placed",
            "/files/harbour/out/harbour.provenance.json");
        assertThat(get("/api/films/slow/provenance").statusCode()).isEqualTo(404);

        // one shot: a bad list, a shot not in the film, then b alone
        assertThat(post("/api/films/harbour/render", "{\"shots\": \"b\"}", "Content-Type", "application/json")
            .statusCode()).isEqualTo(400);
        assertThat(post("/api/films/harbour/render", "{\"shots\": [\"zz\"]}", "Content-Type", "application/json")
            .statusCode()).isEqualTo(404);
        HttpResponse<String> started = post("/api/films/harbour/render", "{\"shots\": [\"b\"]}", "Content-Type",
            "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(JSON.readTree(started.body()).path("shots").toString()).isEqualTo("[\"b\"]");
        JsonNode run = JSON.readTree(get("/api/films/harbour/render").body());
        for (int i = 0; i < 600 && run.path("state").asString().equals("running"); i++) {
            Thread.sleep(100);
            run = JSON.readTree(get("/api/films/harbour/render").body());
        }
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("done");
        assertThat(run.has("masterWaitsFor")).isFalse();
        assertThat(JSON.readTree(get("/api/films/harbour/master").body()).at("/cut/1/take").asInt())
            .as("the master now cuts b's circled take").isEqualTo(bTake);
    }

    /** A shot's spec and its prompt as each generative backend receives it, made offline, with no key in it. */
    @Test
    void aShotsPromptIsShownAsEachBackendReceivesIt() throws Exception {
        HttpResponse<String> r = get("/api/films/harbour/shots/b/prompts");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.path("size").asString()).isEqualTo("mcu");
        assertThat(j.path("frames").asInt()).isEqualTo(24);
        assertThat(j.at("/route/backends/0").asString()).isEqualTo("previs");
        String subject = j.at("/prompt/subject").asString();
        assertThat(subject).isNotBlank();
        assertThat(j.path("backends")).extracting(b -> b.path("backend").asString())
            .containsExactly("comfyui", "runway", "luma", "kling", "fal", "replicate", "veo");
        for (JsonNode b : j.path("backends")) {
            assertThat(b.path("request").toString()).as(b.path("backend").asString()).contains(subject.substring(0,
                Math.min(20, subject.length())));
        }
        assertThat(r.body()).as("no key, not even the preview's stand-in").doesNotContain("unused");
        String page = get("/films/harbour/shots/b").body();
        assertThat(page).contains("<h2>Spec and prompts</h2>", "<details class=\"request\" data-backend=\"luma\"",
            "about $");
        assertThat(get("/api/films/harbour/shots/zz/prompts").statusCode()).isEqualTo(404);
        // the previews send nothing, so they open no HTTP client (each would hold a selector thread until collected)
        java.util.function.LongSupplier selectors = () -> Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().contains("SelectorManager")).count();
        long before = selectors.getAsLong();
        for (int i = 0; i < 5; i++) assertThat(get("/films/harbour/shots/b").statusCode()).isEqualTo(200);
        assertThat(selectors.getAsLong()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void theApiIsDescribedByItsOpenApiDocument() throws Exception {
        JsonNode doc = JSON.readTree(get("/openapi.json").body());
        assertThat(doc.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(doc.path("paths").propertyNames()).contains("/api/films", "/api/films/{film}/board",
            "/api/films/{film}/shots/{shot}/circle", "/files/{film}/{path}", "/api/films/{film}/master",
            "/api/films/{film}/ledger", "/api/films/{film}/provenance");
        assertThat(doc.at("/paths/~1api~1films~1{film}~1shots~1{shot}~1circle/post/requestBody/required")
            .asBoolean()).isTrue();
    }
}
