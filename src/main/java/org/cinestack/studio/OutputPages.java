package org.cinestack.studio;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.cinestack.render.Delivered;
import org.cinestack.render.LedgerSummary;

/**
 * The studio's pages of what a film's renders made and spent: the master with its cut and every file beside it, the
 * ledger, and the provenance record in words. Rendered on the server like {@link Pages}; every text is escaped.
 */
final class OutputPages {
    private OutputPages() {
    }

    /** @return the master playing, its cut (each clip's shot, take, backend, seed and timecodes) and its files */
    static String master(String id, Delivered d, Path folder) {
        StringBuilder h = head(id, d.title() + ": master");
        if (d.master().isEmpty()) {
            return h.append("<p id=\"no-master\">No master yet: render the film from the board.</p></body></html>\n")
                .toString();
        }
        h.append("<video id=\"master\" controls preload=\"metadata\" src=\"")
            .append(Pages.file(id, folder, d.master().get())).append("\"></video>\n<h2>Cut</h2>\n<table id=\"cut\">"
                + "<tr><th>#</th><th>shot</th><th>take</th><th>backend</th><th>seed</th><th>in</th><th>out</th>"
                + "<th>frames</th></tr>\n");
        int n = 0;
        for (Delivered.Cut c : d.cuts()) {
            n++;
            h.append("<tr data-shot=\"").append(Pages.esc(c.shot())).append("\"><td>").append(n).append("</td><td>")
                .append(c.shot().isEmpty() ? "(gap)" : "<a href=\"/films/" + Pages.url(id) + "/shots/"
                    + Pages.url(c.shot()) + "\">" + Pages.esc(c.shot()) + "</a>")
                .append("</td><td class=\"take-used\">").append(c.take() == 0 ? "" : String.valueOf(c.take()))
                .append("</td><td>").append(Pages.esc(c.backend())).append("</td><td>")
                .append(c.seed() == 0 ? "" : String.valueOf(c.seed())).append("</td><td>")
                .append(d.timecode(c.recordFrame())).append("</td><td>")
                .append(d.timecode(c.recordFrame() + c.frames())).append("</td><td>").append(c.frames())
                .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Files</h2>\n<ul id=\"files\">\n");
        for (Path f : d.files()) {
            String url = Pages.file(id, folder, f);
            String name = Pages.esc(f.getFileName().toString());
            h.append("<li>").append(url.isEmpty() ? name : "<a href=\"" + url + "\">" + name + "</a>").append("</li>\n");
        }
        return h.append("</ul>\n</body></html>\n").toString();
    }

    /** @return the ledger: spend by backend, shot and take, and the budget left when the studio has one */
    static String ledger(String id, String title, LedgerSummary l, double budgetUsd) {
        StringBuilder h = head(id, title + ": ledger");
        h.append("<p id=\"spent\">").append(String.format(Locale.ROOT, "spent $%.2f; on the takes the cut uses $%.2f",
            l.totalUsd(), l.onCutUsd()));
        if (Double.isFinite(budgetUsd)) {
            h.append(String.format(Locale.ROOT, "; budget $%.2f, left $%.2f", budgetUsd, budgetUsd - l.totalUsd()));
        }
        h.append("</p>\n");
        if (l.empty()) return h.append("<p>No generative jobs yet.</p></body></html>\n").toString();
        h.append("<p>requests: ").append(Pages.esc(l.requests().toString())).append("</p>\n");
        table(h, "by-backend", "backend", l.byBackend());
        table(h, "by-shot", "shot", l.byShot());
        table(h, "by-take", "take", l.byTake());
        return h.append("</body></html>\n").toString();
    }

    /** @return the provenance record in words: each shot's take and how it was made, and what was done after */
    static String provenance(String id, String title, JsonNode p, String rawUrl) {
        StringBuilder h = head(id, title + ": provenance");
        if (p == null) return h.append("<p>No provenance yet: render the film.</p></body></html>\n").toString();
        h.append("<p>master SHA-256 <code>").append(Pages.esc(p.path("masterDigest").asString(""))).append("</code>, ")
            .append("film SHA-256 <code>").append(Pages.esc(p.path("filmDigest").asString(""))).append("</code>, made ")
            .append(Pages.esc(p.path("createdAt").asString(""))).append(" by ")
            .append(Pages.esc(p.path("claim_generator").asString(""))).append(" (<a href=\"").append(rawUrl)
            .append("\">the record as JSON</a>)</p>\n<h2>Ingredients</h2>\n<table id=\"ingredients\"><tr><th>shot</th>"
                + "<th>take</th><th>source</th><th>backend</th><th>model</th><th>seed</th><th>cost</th></tr>\n");
        for (JsonNode i : p.path("ingredients")) {
            String source = i.path("digitalSourceType").asString("");
            h.append("<tr><td>").append(Pages.esc(i.path("title").asString(""))).append("</td><td>")
                .append(i.path("take").asInt()).append("</td><td>")
                .append(Pages.esc(source.substring(source.lastIndexOf('/') + 1))).append("</td><td>")
                .append(Pages.esc(i.path("backend").asString(""))).append("</td><td>")
                .append(Pages.esc(i.path("model").asString(""))).append("</td><td>").append(i.path("seed").asLong())
                .append("</td><td>").append(String.format(Locale.ROOT, "$%.2f", i.path("costUsd").asDouble()))
                .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Actions</h2>\n<ol id=\"actions\">\n");
        for (JsonNode a : p.path("assertions")) {
            for (JsonNode x : a.path("data").path("actions")) {
                h.append("<li>").append(Pages.esc(x.path("action").asString(""))).append(x.has("parameters")
                    ? ": " + Pages.esc(x.path("parameters").toString()) : "").append("</li>\n");
            }
        }
        return h.append("</ol>\n</body></html>\n").toString();
    }

    private static void table(StringBuilder h, String tableId, String what, Map<String, Double> rows) {
        h.append("<h2>By ").append(what).append("</h2><table id=\"").append(tableId).append("\">\n");
        rows.forEach((k, v) -> h.append("<tr><td>").append(Pages.esc(k)).append("</td><td>")
            .append(String.format(Locale.ROOT, "$%.2f", v)).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static StringBuilder head(String id, String title) {
        StringBuilder h = Pages.head(title);
        h.append("<p><a href=\"/films/").append(Pages.url(id)).append("\">board</a> · <a href=\"/films/")
            .append(Pages.url(id)).append("/master\">master</a> · <a href=\"/films/").append(Pages.url(id))
            .append("/ledger\">ledger</a> · <a href=\"/films/").append(Pages.url(id)).append("/provenance\">provenance"
                + "</a></p><h1>").append(Pages.esc(title)).append("</h1>\n");
        return h;
    }
}
