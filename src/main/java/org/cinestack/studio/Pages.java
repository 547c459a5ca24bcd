package org.cinestack.studio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cinestack.dailies.Dailies;
import org.cinestack.render.ShotBoard;

/**
 * The studio's pages, rendered on the server as plain HTML with a little JavaScript that calls the same REST API as
 * any other client (no build step, nothing fetched from the network). Every text from a film is escaped.
 */
final class Pages {
    private static final String STYLE = "<style>body{font:14px system-ui,sans-serif;margin:1.5em;background:#15171a;"
        + "color:#ddd}a{color:#8ab4f8}.cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#22252a;"
        + "border-radius:6px;padding:8px;width:260px}.card img{width:100%;border-radius:4px;background:#000}"
        + ".status{font-weight:bold}.planned{color:#aaa}.circled{color:#7fd67f}.needs-director{color:#e0a35f}"
        + ".changed{color:#8ab4f8}"
        + "small{color:#aaa}summary{font-size:1.1em;margin:.6em 0;cursor:pointer}video{width:100%;max-width:640px}"
        + ".take{background:#22252a;border-radius:6px;padding:8px;margin:8px 0}.A{color:#7fd67f}.B{color:#d6c77f}"
        + "</style>";

    private Pages() {
    }

    /** @return the list of films */
    static String films(Map<String, Path> films, Path root) {
        StringBuilder h = head("Cinestack studio");
        h.append("<h1>Films</h1>\n<ul id=\"films\">\n");
        films.forEach((id, file) -> h.append("<li><a href=\"/films/").append(url(id)).append("\">").append(esc(id))
            .append("</a> <small>").append(esc(root.relativize(file).toString())).append("</small></li>\n"));
        return h.append("</ul>\n</body></html>\n").toString();
    }

    /**
     * @param id     the film's id
     * @param board  its board
     * @param status only the shots of this status, or null for all
     * @return the board: every shot of every scene as a card
     */
    static String board(String id, ShotBoard board, Path folder, String status) {
        StringBuilder h = head(board.title());
        h.append("<p><a href=\"/\">films</a> · <a href=\"/films/").append(url(id)).append("/master\">master</a> · "
            + "<a href=\"/films/").append(url(id)).append("/ledger\">ledger</a> · <a href=\"/films/").append(url(id))
            .append("/provenance\">provenance</a></p><h1>").append(esc(board.title())).append("</h1>\n<p id=\"filters\">");
        for (String s : List.of("all", "planned", "circled", "needs-director", "changed")) {
            h.append("<a href=\"/films/").append(url(id)).append(s.equals("all") ? "" : "?status=" + s).append("\">")
                .append(s).append("</a> ");
        }
        h.append("</p>\n<p><button id=\"render\">render the film</button> <button id=\"cancel\">cancel</button> "
            + "<span id=\"progress\"></span></p>\n");
        renderScript(h, id, "{}", "render");
        Map<String, List<ShotBoard.Card>> scenes = new LinkedHashMap<>();
        for (ShotBoard.Card c : board.cards()) {
            if (status == null || status.equals(c.status())) {
                scenes.computeIfAbsent(c.heading(), k -> new ArrayList<>()).add(c);
            }
        }
        scenes.forEach((heading, cards) -> {
            h.append("<details open class=\"scene\"><summary>").append(esc(heading)).append("</summary>")
                .append("<div class=\"cards\">\n");
            for (ShotBoard.Card c : cards) {
                h.append("<div class=\"card\" data-shot=\"").append(esc(c.shot())).append("\" data-status=\"")
                    .append(c.status()).append("\">");
                c.circledTake().map(t -> file(id, folder, t.folder().resolve(Dailies.STILLS.get(1))))
                    .ifPresent(src -> h.append("<img alt=\"").append(esc(c.shot())).append("\" src=\"").append(src)
                        .append("\">"));
                h.append("<div><a href=\"/films/").append(url(id)).append("/shots/").append(url(c.shot())).append("\">")
                    .append(esc(c.shot())).append("</a> <span class=\"status ").append(c.status()).append("\">")
                    .append(c.status()).append(c.circled() > 0 ? " (take " + c.circled() + ")" : "").append("</span>")
                    .append("</div><small>").append(String.format(Locale.ROOT, "%s, %s, %.0f mm, %.1f s, $%.2f",
                        esc(c.size()), esc(c.move()), c.lensMm(), c.seconds(), c.costUsd())).append("</small>");
                for (String line : c.dialogue()) h.append("<div><small>").append(esc(line)).append("</small></div>");
                h.append("</div>\n");
            }
            h.append("</div></details>\n");
        });
        return h.append("</body></html>\n").toString();
    }

    /**
     * @param prompts the shot's spec and prompts ({@link #prompts}), shown after its takes
     * @return one shot's page: its takes playing, their dailies, a button to circle each
     */
    static String shot(String id, ShotBoard.Card c, Path folder, String prompts) {
        StringBuilder h = head(c.shot());
        h.append("<p><a href=\"/films/").append(url(id)).append("\">board</a></p><h1>").append(esc(c.shot()))
            .append("</h1><p><small>").append(esc(c.heading())).append(String.format(Locale.ROOT,
                "</small></p><p>%s, %s, %.0f mm, %.1f s</p>", esc(c.size()), esc(c.move()), c.lensMm(), c.seconds()))
            .append("<p id=\"status\" class=\"status ").append(c.status()).append("\">").append(c.status())
            .append("</p>\n<p><button id=\"render-shot\">render this shot</button> <button id=\"cancel\">cancel"
                + "</button> <span id=\"progress\"></span> <a href=\"/films/").append(url(id))
            .append("/master\">master</a></p>\n");
        renderScript(h, id, "{\"shots\": [" + jsonString(c.shot()) + "]}", "render-shot");
        for (ShotBoard.TakeCard t : c.takes()) {
            String label = t.number() == c.circled() ? "A" : t.number() == c.b() ? "B" : "";
            h.append("<div class=\"take\" data-take=\"").append(t.number()).append("\"><b>take ").append(t.number())
                .append("</b> <span class=\"").append(label).append("\">").append(label).append("</span> <small>seed ")
                .append(t.seed()).append(", ").append(esc(t.backend())).append(", score ").append(t.score())
                .append("</small><br><video controls preload=\"metadata\" src=\"")
                .append(file(id, folder, t.folder().resolve("take.mp4"))).append("\"></video><br>");
            for (String d : t.defects()) h.append("<div><small>").append(esc(d)).append("</small></div>");
            h.append("<button class=\"circle\" data-take=\"").append(t.number()).append("\">circle take ")
                .append(t.number()).append("</button><div><textarea class=\"note\" data-take=\"").append(t.number())
                .append("\" maxlength=\"2000\" rows=\"2\" cols=\"60\" placeholder=\"a note on take ")
                .append(t.number()).append("\">").append(esc(t.note())).append("</textarea> <button class=\"keep-note\" ")
                .append("data-take=\"").append(t.number()).append("\">keep note</button> <small class=\"note-status\" ")
                .append("data-take=\"").append(t.number()).append("\"></small></div></div>\n");
        }
        abCompare(h, id, c, folder);
        h.append(prompts);
        h.append("<h2>Edit</h2><form id=\"edit\"></form><div id=\"edit-result\"></div>\n<script>\n"
            + "const api = location.pathname.replace('/films/', '/api/films/');\n"
            + "let loaded;\n"
            + "async function load() { const r = await fetch(api + '/edit'); loaded = await r.json(); "
            + "const f = document.getElementById('edit'); f.innerHTML = ''; if (!r.ok) { f.textContent = loaded.error;"
            + " return; } for (const k of loaded.fields) { const l = document.createElement("
            + "'label'); l.textContent = k + ' '; const i = document.createElement('input'); i.name = k; "
            + "i.value = loaded.values[k] ?? ''; if (!(k in loaded.values)) i.placeholder = 'not set';"
            + " const p = document.createElement('div'); p.className = 'problem'; p.dataset.field = k; "
            + "l.append(i); f.append(l, p); } const s = document.createElement('button'); s.textContent = 'save'; "
            + "f.append(s); }\n"
            + "document.getElementById('edit').onsubmit = async ev => { ev.preventDefault(); const changes = {}; "
            + "for (const i of ev.target.querySelectorAll('input')) if (i.value !== (loaded.values[i.name] ?? '')) "
            + "changes[i.name] = i.value; for (const p of document.querySelectorAll('.problem')) p.textContent = '';"
            + " const r = await fetch(api + '/edit', {method: 'POST', headers: {'Content-Type': 'application/json'},"
            + " body: JSON.stringify({version: loaded.version, was: loaded.values, changes})}); const j = await "
            + "r.json(); const out = document.getElementById('edit-result'); if (r.ok) { out.textContent = 'saved'; "
            + "await load(); return; } out.textContent = j.error; for (const p of j.problems || []) for (const d of "
            + "document.querySelectorAll('.problem')) if (p.message.includes(\"'\" + d.dataset.field.split('.')"
            + ".pop() + \"'\")) d.textContent = p.message; };\nload();\n</script>\n");
        h.append("<script>for (const b of document.querySelectorAll('button.circle')) b.onclick = async () => {"
            + "const r = await fetch(location.pathname.replace('/films/', '/api/films/') + '/circle', {method: 'POST',"
            + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({take: +b.dataset.take})});"
            + "const j = await r.json(); document.getElementById('status').textContent = r.ok ? 'circled (take ' + "
            + "j.take + ', by the director)' : j.error; };\n"
            + "for (const b of document.querySelectorAll('button.keep-note')) b.onclick = async () => {"
            + "const t = b.dataset.take; const text = document.querySelector('textarea.note[data-take=\"' + t + '\"]')"
            + ".value; const r = await fetch(location.pathname.replace('/films/', '/api/films/') + '/note', {method: "
            + "'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({take: +t, note: text})});"
            + "const j = await r.json(); document.querySelector('.note-status[data-take=\"' + t + '\"]').textContent ="
            + " r.ok ? (j.note ? 'kept' : 'taken away') : j.error; };</script>\n");
        return h.append("</body></html>\n").toString();
    }

    /**
     * The shot's spec as planned and its prompt as each backend receives it: the five sections and the negative,
     * then, per generative backend, the request body, what the shot loses there and what a take costs.
     *
     * @param spec     the shot, planned
     * @param route    the backends film.yaml sends it to, in order
     * @param requests its request to each generative backend
     * @return the section's HTML
     */
    static String prompts(org.cinestack.plan.ShotSpec spec, org.cinestack.render.Routing.Route route,
                          List<org.cinestack.render.ShotRequests.Request> requests) {
        StringBuilder h = new StringBuilder("<h2>Spec and prompts</h2>\n<div id=\"spec\"><p>").append(String.format(
            Locale.ROOT, "%s, %s, %.1f s (%d frames at %d fps), %dx%d picture, seed %d; sent to %s (%s)",
            esc(spec.size().code()), esc(spec.move()), spec.durationSeconds(), spec.frameCount(), spec.fps(),
            spec.pictureWidth(), spec.pictureHeight(), spec.seed(), esc(String.join(", then ", route.chain())),
            esc(route.kind()))).append("</p>\n<table id=\"prompt\">");
        org.cinestack.plan.ShotPrompt p = spec.prompt();
        String[][] rows = {{"subject", p.subject()}, {"camera", p.camera()}, {"light", p.light()},
            {"environment", p.environment()}, {"style", p.style()}, {"negative", p.negative()}};
        for (String[] r : rows) {
            h.append("<tr><th>").append(r[0]).append("</th><td>").append(esc(r[1])).append("</td></tr>");
        }
        h.append("</table>\n");
        for (org.cinestack.render.ShotRequests.Request q : requests) {
            h.append("<details class=\"request\" data-backend=\"").append(esc(q.backend())).append("\"><summary>")
                .append(esc(q.backend())).append(q.model().isEmpty() ? "" : " (" + esc(q.model()) + ")")
                .append(String.format(Locale.ROOT, ": about $%.2f a take", q.estimatedUsd()))
                .append(q.losses().isEmpty() ? "" : ", loses " + q.losses().size()).append("</summary>");
            for (String loss : q.losses()) h.append("<div><small>loses: ").append(esc(loss)).append("</small></div>");
            h.append("<pre>").append(esc(q.body())).append("</pre></details>\n");
        }
        return h.append("</div>\n").toString();
    }

    /**
     * A and B compared, when the shot has both: side by side, and as a wipe (B over A, cut at the slider), all four
     * pictures held to A's time (within a frame) so they play, pause and seek together.
     */
    private static void abCompare(StringBuilder h, String id, ShotBoard.Card c, Path folder) {
        java.util.Optional<ShotBoard.TakeCard> a = c.circledTake(),
            b = c.takes().stream().filter(t -> t.number() == c.b()).findFirst();
        if (a.isEmpty() || b.isEmpty() || a.get().number() == b.get().number()) return;
        String srcA = file(id, folder, a.get().folder().resolve("take.mp4")),
            srcB = file(id, folder, b.get().folder().resolve("take.mp4"));
        h.append("<h2>A / B</h2><div id=\"ab\"><button id=\"ab-play\">play A and B</button> <label>wipe "
            + "<input id=\"ab-wipe\" type=\"range\" min=\"0\" max=\"100\" value=\"50\"></label> <small>A: take ")
            .append(a.get().number()).append(", B: take ").append(b.get().number()).append("</small>")
            .append("<div style=\"display:flex;gap:8px\"><video id=\"ab-a\" muted preload=\"auto\" src=\"")
            .append(srcA).append("\" style=\"width:49%\"></video><video id=\"ab-b\" muted preload=\"auto\" src=\"")
            .append(srcB).append("\" style=\"width:49%\"></video></div>")
            .append("<div style=\"position:relative;max-width:640px\"><video id=\"wipe-a\" muted preload=\"auto\" ")
            .append("src=\"").append(srcA).append("\" style=\"display:block\"></video><video id=\"wipe-b\" muted ")
            .append("preload=\"auto\" src=\"").append(srcB).append("\" style=\"position:absolute;top:0;left:0;")
            .append("clip-path:inset(0 0 0 50%)\"></video></div></div>\n<script>\n"
                + "const lead = document.getElementById('ab-a');\n"
                + "const abFollowers = ['ab-b', 'wipe-a', 'wipe-b'].map(i => document.getElementById(i));\n"
                + "const hold = () => { for (const v of abFollowers) if (Math.abs(v.currentTime - "
                + "lead.currentTime) > 1 / 24) v.currentTime = lead.currentTime; };\n"
                + "lead.addEventListener('play', () => { hold(); for (const v of abFollowers) v.play(); });\n"
                + "lead.addEventListener('pause', () => { for (const v of abFollowers) v.pause(); hold(); });\n"
                + "lead.addEventListener('seeked', hold); lead.addEventListener('timeupdate', hold);\n"
                + "document.getElementById('ab-play').onclick = () => { lead.currentTime = 0; lead.play(); };\n"
                + "document.getElementById('ab-wipe').oninput = e => document.getElementById('wipe-b').style.clipPath ="
                + " 'inset(0 0 0 ' + e.target.value + '%)';\n"
                + "</script>\n");
    }

    /**
     * The script of a page that starts a render and follows its progress, pushed by the server.
     *
     * @param body   the JSON the render is asked with: {@code {}} for the film, or the shots
     * @param button the id of the button that starts it
     */
    private static void renderScript(StringBuilder h, String id, String body, String button) {
        h.append("<script>const film = ").append(jsString(id)).append(";\n"
            + "let mine = null;\n"
            + "function say(j) { const p = document.getElementById('progress'); p.dataset.state = j.state; "
            + "p.dataset.percent = j.percent ?? 0; p.textContent = j.state === 'none' ? '' : j.state + ' ' + "
            + "j.percent + ' %' + (j.shots ? ' (' + j.shots.join(', ') + ')' : '') + (j.stage ? ', ' + j.stage : '')"
            + " + (j.masterWaitsFor ? '; the master waits for ' + j.masterWaitsFor.join(', ') : '')"
            + " + (j.error ? ': ' + j.error : '') + (j.queued && j.queued.length ? '; ' + j.queued.length + "
            + "' more queued' : ''); }\n"
            + "function follow() { const es = new EventSource('/api/films/' + encodeURIComponent(film) + "
            + "'/render/events'); es.addEventListener('render', e => { const j = JSON.parse(e.data); "
            + "const ended = j.state !== 'running' && j.state !== 'queued'; "
            + "if (mine !== null && j.id !== mine && ended) return; say(j); "
            + "if (ended && (mine === null || j.id === mine) && !(j.queued && j.queued.length)) es.close(); }); }\n"
            + "document.getElementById(").append(jsString(button)).append(").onclick = async () => { mine = -1; "
            + "document.getElementById('progress').dataset.state = 'asked'; const r = "
            + "await fetch('/api/films/' + encodeURIComponent(film) + '/render', {method: 'POST', headers: "
            + "{'Content-Type': 'application/json'}, body: ").append(jsString(body)).append("}); const j = await "
            + "r.json(); if (!r.ok) { document.getElementById('progress').textContent = j.error; return; } "
            + "mine = j.id; say(j); follow(); };\n"
            + "document.getElementById('cancel').onclick = () => fetch('/api/films/' + encodeURIComponent(film) + "
            + "'/render/cancel', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'});\n"
            + "follow();</script>\n");
    }

    /** @return a JSON string literal of s */
    private static String jsonString(String s) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(s);
    }

    /** @return the URL a project's file is served at, or "" when it is not inside the project */
    static String file(String id, Path folder, Path file) {
        Path f = file.toAbsolutePath().normalize(), root = folder.toAbsolutePath().normalize();
        if (!f.startsWith(root) || !Files.isRegularFile(f)) return "";
        StringBuilder u = new StringBuilder("/files/").append(url(id));
        for (Path part : root.relativize(f)) u.append('/').append(url(part.toString()));
        return u.toString();
    }

    static StringBuilder head(String title) {
        return new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .append(esc(title)).append("</title>").append(STYLE).append("</head><body>\n");
    }

    /** @return a JavaScript string literal of s, safe inside a script element */
    static String jsString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'') b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String esc(String s) {
        return org.cinestack.dailies.Report.escapeHtml(s);
    }
}
