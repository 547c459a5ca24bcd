package org.cinestack.studio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The studio's REST API described as an OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0), served at
 * {@code /openapi.json}: one entry per route the pages use, with its parameters, body and answers.
 */
final class OpenApi {
    /** Each route: method, path, summary, answers (status to words). */
    record Route(String method, String path, String summary, Map<String, String> answers, boolean jsonBody) {
    }

    static final List<Route> ROUTES = List.of(
        new Route("get", "/api/films", "The films in the studio's folder", Map.of("200", "id and file of each"),
            false),
        new Route("get", "/api/films/{film}/board", "Every shot of a film: spec, status, takes with their dailies "
            + "and the URLs of their video and stills", Map.of("200", "the board", "404", "no such film"), false),
        new Route("post", "/api/films/{film}/shots/{shot}/circle", "Circle a take as the director's choice "
            + "(film.lock), as 'cinestack circle' does", Map.of("200", "circled", "400", "no such take, or a bad body",
            "404", "no such film", "415", "the body is not JSON"), true),
        new Route("post", "/api/films/{film}/shots/{shot}/note", "Keep the director's note on a take (body: take, "
            + "note; an empty note takes it away), in the film's notes.json, shown in the dailies report",
            Map.of("200", "kept", "400", "no such take, a note over 2000 characters, or a bad body", "404",
                "no such film", "415", "the body is not JSON"), true),
        new Route("get", "/api/films/{film}/shots/{shot}/prompts", "The shot's spec as planned (size, move, length, "
            + "frames, picture, seed, the backends it is sent to) and its prompt (five sections and the negative), "
            + "then its request to each generative backend as that backend receives it, what the shot loses there "
            + "and what a take costs; made offline, nothing sent", Map.of("200", "the spec and requests", "404",
            "no such film or shot"), false),
        new Route("get", "/api/films/{film}/shots/{shot}/edit", "The shot's editable values as film.yaml writes "
            + "them, and film.yaml's version", Map.of("200", "version, fields and values", "400", "a screenplay, or no "
            + "such shot"), false),
        new Route("post", "/api/films/{film}/shots/{shot}/edit", "Change a shot's values in film.yaml's own text "
            + "(body: version, was, changes), everything else kept as written", Map.of("200", "saved: the new "
            + "version", "400", "a value film.yaml's rules refuse: its problems", "409", "film.yaml changed on disk "
            + "since the version: what changed"), false),
        new Route("post", "/api/films/{film}/render", "Render the film as 'cinestack render' does (body {}), or "
            + "some of its shots as 'cinestack render --shot' does (body {\"shots\": [ids]}: only their takes are "
            + "made, and the film is cut again when every other shot has its takes); renders of a film run one at a "
            + "time, in the order asked", Map.of("202", "started, or queued behind the film's running render: its "
            + "id and state", "400", "shots is not a list of ids", "404", "no such film or shot", "415",
            "the body is not JSON"), false),
        new Route("post", "/api/films/{film}/render/cancel", "Cancel the film's running render (the takes and shots "
            + "already made are kept) and drop those queued behind it", Map.of("202", "cancelling", "409", "no render of this film is running"),
            false),
        new Route("get", "/api/films/{film}/render", "The film's render running now, else its last: id, state, "
            + "percent, stage, shot, shots, warnings, error, and the renders queued behind it", Map.of("200", "the render", "404", "no render since the studio started"), false),
        new Route("get", "/api/films/{film}/render/events", "The film's render as server-sent events (event "
            + "'render', data as GET /api/films/{film}/render)", Map.of("200", "text/event-stream"), false),
        new Route("get", "/api/films/{film}/master", "The film's master as its last render left it: its URL, its "
            + "cut (each clip's shot, take, backend, seed, record in and out as timecode, frames) and the URLs of the "
            + "deliverables, stems, interchange files and provenance beside it", Map.of("200", "the master (null "
            + "before the first render)", "404", "no such film"), false),
        new Route("get", "/api/films/{film}/ledger", "What generative backends cost the film: requests by outcome, "
            + "US dollars by backend, shot and take, spent in all and on the takes the cut uses, and the studio's "
            + "budget and what is left of it when it has one", Map.of("200", "the ledger", "404", "no such film"),
            false),
        new Route("get", "/api/films/{film}/provenance", "The master's provenance record (C2PA-shaped JSON: "
            + "ingredients, actions)", Map.of("200", "the record", "404", "no such film, or no render yet"), false),
        new Route("get", "/files/{film}/{path}", "A file inside the film's folder (takes, stills, deliverables)",
            Map.of("200", "the file", "404", "no such file inside the film's folder"), false),
        new Route("get", "/openapi.json", "This document", Map.of("200", "OpenAPI 3.1"), false));

    private OpenApi() {
    }

    /** @return the document as JSON */
    static String document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Cinestack studio", "version", "1"));
        doc.put("components", Map.of("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"),
            "cookie", Map.of("type", "apiKey", "in", "cookie", "name", Access.COOKIE))));
        doc.put("security", List.of(Map.of(), Map.of("bearer", List.of()), Map.of("cookie", List.of())));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : ROUTES) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            List<Object> params = new java.util.ArrayList<>();
            for (String p : List.of("film", "shot", "path")) {
                if (r.path().contains("{" + p + "}")) {
                    params.add(Map.of("name", p, "in", "path", "required", true, "schema", Map.of("type", "string")));
                }
            }
            if (!params.isEmpty()) op.put("parameters", params);
            if (r.jsonBody()) {
                op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema",
                    Map.of("type", "object", "required", List.of("take"), "properties", Map.of("take",
                        Map.of("type", "integer", "minimum", 1)))))));
            }
            Map<String, Object> answers = new LinkedHashMap<>();
            r.answers().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(a -> answers.put(a.getKey(), Map.of("description", a.getValue())));
            answers.put("401", Map.of("description", "the studio's token is needed"));
            answers.put("421", Map.of("description", "the Host header is not the studio's"));
            op.put("responses", answers);
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(),
                k -> new LinkedHashMap<String, Object>());
            item.put(r.method(), op);
        }
        doc.put("paths", paths);
        return JsonMapper.builder().build().writeValueAsString(doc);
    }
}
