package org.cinestack.dailies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.cinestack.media.Staging;

/**
 * The dailies report of a film: {@code index.html}, one self-contained page (stills inlined, no network), and
 * {@code dailies.json} with the same content. Per shot: what it asked for, its status (planned, circled,
 * needs-director), and per take its first, middle and last frame, its score, metrics and defects in words, and whether
 * it is A (circled), B or rejected; per cut, the five elements and the verdict ({@link Transition}).
 *
 * @param title the film's title
 * @param shots every shot of the film, in order
 * @param cuts  every cut of the film's cut, in order
 */
public record Report(String title, List<ShotEntry> shots, List<Transition> cuts) {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * One shot.
     *
     * @param id      its id
     * @param scene   its scene's heading
     * @param asked   what it asked for, in words: "close-up, 50 mm, push-in, 4 s"
     * @param status  {@code planned} (no takes yet), {@code circled} or {@code needs-director}
     * @param by      who circled its take ({@code rule}, {@code director}), empty when planned
     * @param circled the circled take (A), 0 when planned
     * @param b       the second choice, 0 when none
     * @param takes   its takes, by number
     * @param notes   what is wrong across shots with its circled take (its identity)
     */
    public record ShotEntry(String id, String scene, String asked, String status, String by, int circled, int b,
                            List<TakeEntry> takes, List<Defect> notes) {
    }

    /**
     * One take.
     *
     * @param number  its number
     * @param seed    its seed
     * @param backend the backend (and model) that made it
     * @param folder  its folder (stills read from it)
     * @param verdict its dailies
     * @param note    the director's note on it ({@link TakeNotes}), or ""
     */
    public record TakeEntry(int number, long seed, String backend, Path folder, Dailies.Verdict verdict, String note) {
    }

    /**
     * Writes {@code index.html} and {@code dailies.json} into a folder (made when missing), each staged and moved into
     * place.
     *
     * @param folder the report's folder, {@code out/dailies/}
     * @return the page
     * @throws IOException when a file cannot be written
     */
    public Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Staging.writeString(folder.resolve("dailies.json"), JSON.writeValueAsString(json()));
        Path page = folder.resolve("index.html");
        Staging.writeString(page, html());
        return page;
    }

    private Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        List<Object> s = new ArrayList<>();
        for (ShotEntry shot : shots) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("shot", shot.id());
            x.put("scene", shot.scene());
            x.put("asked", shot.asked());
            x.put("status", shot.status());
            if (!shot.by().isEmpty()) x.put("circledBy", shot.by());
            if (shot.circled() > 0) x.put("a", shot.circled());
            if (shot.b() > 0) x.put("b", shot.b());
            if (!shot.notes().isEmpty()) x.put("notes", shot.notes());
            List<Object> takes = new ArrayList<>();
            for (TakeEntry t : shot.takes()) {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("take", t.number());
                y.put("label", label(shot, t));
                y.put("seed", t.seed());
                y.put("backend", t.backend());
                y.put("score", t.verdict().score());
                y.put("defects", t.verdict().defects());
                y.put("metrics", t.verdict().metrics());
                if (!t.note().isEmpty()) y.put("note", t.note());
                takes.add(y);
            }
            x.put("takes", takes);
            s.add(x);
        }
        m.put("shots", s);
        List<Object> c = new ArrayList<>();
        for (Transition t : cuts) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("from", t.from());
            x.put("to", t.to());
            x.put("sceneChange", t.sceneChange());
            x.put("changed", t.changed());
            x.put("flagged", t.flagged());
            x.put("elements", t.changes());
            x.put("colourDeltaE", Math.round(t.colourDeltaE() * 100) / 100.0);
            x.put("colourJumps", t.colourJumps());
            c.add(x);
        }
        m.put("cuts", c);
        return m;
    }

    /** @return A, B, rejected or empty */
    private static String label(ShotEntry shot, TakeEntry t) {
        if (t.number() == shot.circled()) return "A";
        if (t.number() == shot.b()) return "B";
        return t.verdict().rejected() ? "rejected" : "";
    }

    private String html() throws IOException {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Dailies: ")
            .append(esc(title)).append("</title>\n<style>\n")
            .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;background:#111;color:#ddd}")
            .append("h1{font-size:22px}h2{font-size:17px;margin:28px 0 4px}")
            .append(".asked{color:#999}.status{padding:1px 8px;border-radius:9px;font-size:12px;margin-left:8px}")
            .append(".circled{background:#264d26}.needs-director{background:#7a2a1a}.planned{background:#333}")
            .append("table{border-collapse:collapse;margin-top:6px}td,th{border-top:1px solid #333;padding:6px;")
            .append("vertical-align:top;text-align:left}img{width:160px;display:block}.stills{display:flex;gap:4px}")
            .append(".A{color:#7fd67f;font-weight:bold}.B{color:#d6c77f;font-weight:bold}.rejected{color:#e07a5f}")
            .append(".major{color:#e07a5f}.minor{color:#aaa}.flagged{color:#e07a5f;font-weight:bold}")
            .append("</style></head><body>\n<h1>Dailies: ").append(esc(title)).append("</h1>\n");
        int needs = (int) shots.stream().filter(s -> s.status().equals("needs-director")).count();
        h.append("<p id=\"summary\">").append(shots.size()).append(" shots, ")
            .append(shots.stream().mapToInt(s -> s.takes().size()).sum()).append(" takes; ").append(needs)
            .append(" need the director; ").append(cuts.stream().filter(Transition::flagged).count())
            .append(" of ").append(cuts.size()).append(" cuts flagged, ")
            .append(cuts.stream().filter(Transition::colourJumps).count()).append(" with a colour jump</p>\n");
        for (ShotEntry s : shots) {
            h.append("<section class=\"shot\" id=\"shot-").append(esc(s.id())).append("\" data-status=\"")
                .append(esc(s.status())).append("\">\n<h2>").append(esc(s.id())).append("<span class=\"status ")
                .append(esc(s.status())).append("\">").append(esc(s.status()))
                .append(s.by().isEmpty() ? "" : " by " + esc(s.by())).append("</span></h2>\n<div class=\"asked\">")
                .append(esc(s.scene())).append(" &middot; ").append(esc(s.asked())).append("</div>\n");
            for (Defect d : s.notes()) {
                h.append("<div class=\"note major\">take ").append(s.circled()).append(": ").append(esc(d.words()))
                    .append("</div>\n");
            }
            if (s.takes().isEmpty()) {
                h.append("<p>Not shot yet.</p>\n</section>\n");
                continue;
            }
            h.append("<table><tr><th>take</th><th>first, middle, last frame</th><th>score</th><th>measured</th>")
                .append("<th>defects</th></tr>\n");
            for (TakeEntry t : s.takes()) {
                String label = label(s, t);
                TakeMetrics m = t.verdict().metrics();
                h.append("<tr class=\"take\" data-take=\"").append(t.number()).append("\"><td>").append(t.number())
                    .append(label.isEmpty() ? "" : " <span class=\"" + label + "\">" + label + "</span>")
                    .append("<br><small>seed ").append(t.seed()).append("<br>").append(esc(t.backend()))
                    .append("</small>").append(t.note().isEmpty() ? "" : "<p class=\"note\">note: " + esc(t.note())
                        + "</p>").append("</td><td><div class=\"stills\">");
                for (String still : Dailies.STILLS) {
                    Path f = t.folder().resolve(still);
                    if (Files.isRegularFile(f)) {
                        h.append("<img alt=\"").append(esc(s.id() + " take " + t.number() + " " + still))
                            .append("\" src=\"data:image/jpeg;base64,")
                            .append(Base64.getEncoder().encodeToString(Files.readAllBytes(f))).append("\">");
                    }
                }
                h.append("</div></td><td>").append(t.verdict().score()).append("</td><td><small>")
                    .append(String.format(Locale.ROOT, "camera %+.1f %% across, %+.1f %% down, scale %+.1f %%<br>"
                        + "flicker %.2f, sharpness %.0f (fall %.0f %%)<br>colour drift %.1f &Delta;E00, clipped "
                        + "%.1f %%, crushed %.1f %%", 100 * m.motionX(), 100 * m.motionY(),
                        100 * (m.scaleChange() - 1), m.lumaFlicker(), m.sharpness(), m.sharpnessFallPercent(),
                        m.colourDriftDeltaE(), m.clippedPercent(), m.crushedPercent()))
                    .append(t.verdict().sound() == null ? "" : "<br>sound " + esc(t.verdict().sound().words()))
                    .append("</small></td><td>");
                if (t.verdict().defects().isEmpty()) h.append("none");
                for (Defect d : t.verdict().defects()) {
                    String sev = d.severity().name().toLowerCase(Locale.ROOT);
                    h.append("<div class=\"").append(sev).append("\">").append(sev).append(": ")
                        .append(esc(d.words())).append("</div>");
                }
                h.append("</td></tr>\n");
            }
            h.append("</table>\n</section>\n");
        }
        h.append("<h2>Cuts</h2>\n<table id=\"cuts\"><tr><th>cut</th><th>verdict</th><th>the five elements</th>"
            + "<th>colour</th></tr>\n");
        for (Transition t : cuts) {
            h.append("<tr class=\"cut").append(t.flagged() ? " flagged" : "").append("\"><td>").append(esc(t.from()))
                .append(" &rarr; ").append(esc(t.to())).append(t.sceneChange() ? " <small>(new scene)</small>" : "")
                .append("</td><td>").append(esc(t.words())).append("</td><td><small>");
            for (Transition.Change c : t.changes()) {
                h.append(c.changed() ? "<b>" : "").append(esc(c.words())).append(c.changed() ? "</b>" : "")
                    .append("<br>");
            }
            h.append("</small></td><td class=\"colour").append(t.colourJumps() ? " flagged" : "").append("\">")
                .append(String.format(Locale.ROOT, "%.1f &Delta;E00", t.colourDeltaE())).append("</td></tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static String esc(String s) {
        return escapeHtml(s);
    }

    /**
     * @param s text
     * @return the text safe in HTML content and in a quoted attribute ({@code < > & " '} as entities)
     */
    public static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
