package org.cinestack.film;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes a {@link Film} as film.yaml, in the field order and with the names {@link FilmReader} reads, leaving out
 * fields at their defaults; reading the text back gives the same film (line numbers aside). Shots keep their
 * {@code rule}, so a planner's reasons stay next to what the filmmaker edits.
 */
public final class FilmWriter {
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
        .enable(YAMLWriteFeature.MINIMIZE_QUOTES).build();

    private FilmWriter() {
    }

    /**
     * @param film   the film
     * @param header comment lines written at the top (without the {@code #}), may be empty
     * @return the YAML text
     */
    public static String yaml(Film film, List<String> header) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", film.title());
        film.seed().ifPresent(s -> root.put("seed", s));
        Format f = film.format();
        root.put("format", map("aspect", f.aspect(), "width", f.width(), "height", f.height(), "fps", f.fps()));
        Look l = film.look();
        Map<String, Object> look = map("grain", l.grain());
        if (!l.palette().isEmpty()) look.put("palette", l.palette());
        if (!l.prohibitions().isEmpty()) look.put("prohibitions", l.prohibitions());
        if (!l.stock().isEmpty()) look.put("stock", l.stock());
        if (!l.style().isEmpty()) look.put("style", l.style());
        GradeSettings g = l.grade();
        if (!g.preset().isEmpty()) look.put("preset", g.preset());
        if (!g.lut().isEmpty()) look.put("lut", g.lut());
        if (g.exposureStops() != 0) look.put("exposure", g.exposureStops());
        if (g.contrast() != 0) look.put("contrast", g.contrast());
        if (g.skinProtection() != GradeSettings.NONE.skinProtection()) look.put("skin", g.skinProtection());
        root.put("look", look);
        List<Object> cast = new ArrayList<>();
        for (CastMember c : film.cast()) {
            Map<String, Object> m = map("id", c.id(), "name", c.name());
            if (!c.description().isEmpty()) m.put("description", c.description());
            if (!c.wardrobe().isEmpty()) m.put("wardrobe", c.wardrobe());
            c.voice().ifPresent(v -> m.put("voice", v));
            m.put("height", c.heightM());
            if (c.pitch() != CastMember.DEFAULT_PITCH) m.put("pitch", c.pitch());
            if (c.wordsPerMinute() != CastMember.DEFAULT_WORDS_PER_MINUTE) m.put("rate", c.wordsPerMinute());
            cast.add(m);
        }
        root.put("cast", cast);
        List<Object> scenes = new ArrayList<>();
        for (Scene s : film.scenes()) {
            Map<String, Object> m = map("id", s.id(), "heading", s.heading());
            if (s.weather() != Weather.CLEAR) m.put("weather", s.weather().code());
            s.ambience().ifPresent(a -> m.put("ambience", map("file", a.file().orElseThrow(), "level", a.levelLufs())));
            s.music().ifPresent(a -> m.put("music", map("file", a.file().orElseThrow(), "at", a.atSeconds(), "level",
                a.levelLufs())));
            List<Object> shots = new ArrayList<>();
            for (Shot shot : s.shots()) shots.add(shot(shot));
            m.put("shots", shots);
            scenes.add(m);
        }
        root.put("scenes", scenes);
        if (!film.deliver().isEmpty()) {
            List<String> d = new ArrayList<>(List.of("master"));
            d.addAll(film.deliver());
            root.put("deliver", d);
        }
        if (!film.watermark().isEmpty()) root.put("watermark", film.watermark());
        ShootPlan sp = film.shoot();
        if (!sp.isEmpty()) {
            Map<String, Object> shoot = new LinkedHashMap<>(sp.routes());
            if (!sp.shots().isEmpty()) shoot.put("shots", sp.shots());
            if (!sp.fallback().isEmpty()) shoot.put("fallback", sp.fallback());
            if (!sp.models().isEmpty()) shoot.put("models", sp.models());
            sp.workflow().ifPresent(w -> shoot.put("workflow", w));
            if (!sp.workflowMap().isEmpty()) shoot.put("workflow_map", sp.workflowMap());
            if (!sp.references().isEmpty()) shoot.put("references", sp.references());
            root.put("shoot", shoot);
        }
        StringBuilder sb = new StringBuilder();
        for (String h : header) sb.append("# ").append(h).append('\n');
        sb.append(YAML.writeValueAsString(root));
        return sb.toString();
    }

    private static Map<String, Object> shot(Shot s) {
        Map<String, Object> m = map("id", s.id(), "size", s.size().code());
        if (s.coverage() != Coverage.SINGLE) m.put("coverage", s.coverage().code());
        if (!s.subject().isEmpty()) m.put("subject", s.subject());
        if (!s.over().isEmpty()) m.put("over", s.over());
        if (s.screen() != ScreenSide.CENTER) m.put("screen", s.screen().code());
        if (!s.action().isEmpty()) m.put("action", s.action());
        if (!s.emotion().isEmpty()) m.put("emotion", s.emotion());
        m.put("role", s.role().code());
        m.put("duration", s.durationSeconds());
        Camera c = s.camera();
        m.put("camera", map("move", c.move().code(), "lens", c.focalLengthMm(), "aperture", c.aperture(), "angle",
            c.angle().code(), "speed", c.speed()));
        Light l = s.light();
        Map<String, Object> light = map("key", l.key(), "setup", l.setup().code());
        if (l.temperatureKelvin() > 0) light.put("temperature", l.temperatureKelvin());
        m.put("light", light);
        if (!s.dialogue().isEmpty()) {
            List<Object> d = new ArrayList<>();
            for (DialogueLine line : s.dialogue()) {
                Map<String, Object> spoken = map("character", line.character(), "line", line.line());
                line.atSeconds().ifPresent(at -> spoken.put("at", at));
                d.add(spoken);
            }
            m.put("dialogue", d);
        }
        if (!s.effects().isEmpty()) {
            List<Object> fx = new ArrayList<>();
            for (SoundCue cue : s.effects()) {
                Map<String, Object> e = map("sound", cue.sound(), "at", cue.atSeconds());
                cue.file().ifPresent(f -> e.put("file", f));
                e.put("level", cue.levelLufs());
                fx.add(e);
            }
            m.put("effects", fx);
        }
        s.seed().ifPresent(seed -> m.put("seed", seed));
        if (!s.rule().isEmpty()) m.put("rule", s.rule());
        if (!s.grade().isNone()) m.put("grade", grade(s.grade()));
        return m;
    }

    private static Map<String, Object> grade(ShotGrade g) {
        Map<String, Object> m = new LinkedHashMap<>();
        g.preset().ifPresent(p -> m.put("preset", p.isEmpty() ? "none" : p));
        g.lut().ifPresent(l -> m.put("lut", l.isEmpty() ? "none" : l));
        g.exposureStops().ifPresent(v -> m.put("exposure", v));
        g.contrast().ifPresent(v -> m.put("contrast", v));
        g.skinProtection().ifPresent(v -> m.put("skin", v));
        if (!g.match().isEmpty()) {
            m.put("match", g.match());
            m.put("method", g.method());
        }
        return m;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
