package org.cinestack.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.cinestack.dailies.Dailies;
import org.cinestack.film.Film;
import org.cinestack.plan.ShotSpec;
import org.cinestack.render.LedgerSummary;
import org.cinestack.render.Project;
import org.cinestack.render.Routing;
import org.cinestack.render.ShotBoard;

/** The JSON bodies of the studio's API answers, as maps Jackson writes ({@link OpenApi} describes each route). */
final class ApiBodies {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiBodies() {
    }

    /** @return the ledger: requests, spend by backend, shot and take, spent, on the cut, and the budget left */
    static Map<String, Object> ledger(LedgerSummary l, double budgetUsd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", l.requests());
        m.put("byBackend", l.byBackend());
        m.put("byShot", l.byShot());
        m.put("byTake", l.byTake());
        m.put("spentUsd", l.totalUsd());
        m.put("onCutUsd", l.onCutUsd());
        if (Double.isFinite(budgetUsd)) {
            m.put("budgetUsd", budgetUsd);
            m.put("leftUsd", budgetUsd - l.totalUsd());
        }
        return m;
    }

    /** @return the shot's spec, its prompt's sections, and its request to each generative backend */
    static Map<String, Object> prompts(Project p, Film film, ShotSpec spec, Routing.Route route) {
        org.cinestack.plan.ShotPrompt pr = spec.prompt();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shot", spec.shotId());
        m.put("size", spec.size().code());
        m.put("move", spec.move());
        m.put("seconds", spec.durationSeconds());
        m.put("frames", spec.frameCount());
        m.put("fps", spec.fps());
        m.put("width", spec.pictureWidth());
        m.put("height", spec.pictureHeight());
        m.put("seed", spec.seed());
        m.put("route", Map.of("kind", route.kind(), "backends", route.chain()));
        Map<String, Object> prompt = new LinkedHashMap<>();
        prompt.put("text", pr.text());
        prompt.put("subject", pr.subject());
        prompt.put("camera", pr.camera());
        prompt.put("light", pr.light());
        prompt.put("environment", pr.environment());
        prompt.put("style", pr.style());
        prompt.put("negative", pr.negative());
        m.put("prompt", prompt);
        List<Object> backends = new ArrayList<>();
        for (org.cinestack.render.ShotRequests.Request q : org.cinestack.render.ShotRequests.all(p, film,
            spec)) {
            backends.add(Map.of("backend", q.backend(), "model", q.model(), "request", JSON.readTree(q.body()),
                "loses", q.losses(), "estimatedUsd", q.estimatedUsd()));
        }
        m.put("backends", backends);
        return m;
    }

    /** @return the master's URL, its cut (shot, take, backend, seed, timecodes) and the files beside it */
    static Map<String, Object> master(String id, Project p) {
        org.cinestack.render.Delivered d = org.cinestack.render.Delivered.of(p);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", d.title());
        m.put("master", d.master().map(f -> Pages.file(id, p.folder(), f)).orElse(null));
        List<Object> cuts = new ArrayList<>();
        for (org.cinestack.render.Delivered.Cut c : d.cuts()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("shot", c.shot());
            x.put("take", c.take());
            x.put("backend", c.backend());
            x.put("seed", c.seed());
            x.put("sourceFrame", c.sourceFrame());
            x.put("recordIn", d.timecode(c.recordFrame()));
            x.put("recordOut", d.timecode(c.recordFrame() + c.frames()));
            x.put("frames", c.frames());
            cuts.add(x);
        }
        m.put("cut", cuts);
        m.put("files", d.files().stream().map(f -> Pages.file(id, p.folder(), f)).filter(u -> !u.isEmpty())
            .toList());
        return m;
    }

    static Map<String, Object> board(String id, ShotBoard b, Path folder) {
        List<Object> cards = new ArrayList<>();
        for (ShotBoard.Card c : b.cards()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shot", c.shot());
            m.put("scene", c.scene());
            m.put("heading", c.heading());
            m.put("size", c.size());
            m.put("move", c.move());
            m.put("lensMm", c.lensMm());
            m.put("seconds", c.seconds());
            m.put("dialogue", c.dialogue());
            m.put("status", c.status());
            if (!c.circledBy().isEmpty()) m.put("circledBy", c.circledBy());
            m.put("circled", c.circled());
            m.put("b", c.b());
            m.put("costUsd", c.costUsd());
            List<Object> takes = new ArrayList<>();
            for (ShotBoard.TakeCard t : c.takes()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("take", t.number());
                x.put("seed", t.seed());
                x.put("backend", t.backend());
                x.put("score", t.score());
                x.put("rejected", t.rejected());
                x.put("defects", t.defects());
                x.put("note", t.note());
                x.put("video", Pages.file(id, folder, t.folder().resolve("take.mp4")));
                x.put("still", Pages.file(id, folder, t.folder().resolve(Dailies.STILLS.get(1))));
                takes.add(x);
            }
            m.put("takes", takes);
            cards.add(m);
        }
        return Map.of("title", b.title(), "shots", cards);
    }
}
