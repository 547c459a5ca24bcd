package org.cinestack.film;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.cinestack.film.YamlNode.Entry;
import org.cinestack.film.YamlNode.ListNode;
import org.cinestack.film.YamlNode.MapNode;
import org.cinestack.film.YamlNode.Scalar;

/**
 * Reads a film.yaml into a {@link Film}, validating as it goes. Every problem in the file is collected and reported at
 * once, each with its line and column, what is wrong and what is allowed; the file is never partly accepted.
 *
 * <p>The schema is published as {@code schema/film.schema.json}; the README documents the defaults.
 */
public final class FilmReader {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    private final String file;
    private List<Path> allowedOutside = List.of();
    private final List<Problem> problems = new ArrayList<>();

    private FilmReader(String file) {
        this.file = file;
    }

    /**
     * Reads and validates a film file.
     *
     * @param path the film.yaml
     * @return the film
     * @throws BadInputException with every problem when the file is missing, is not valid YAML or breaks the schema
     */
    public static Film read(Path path) {
        return read(path, List.of());
    }

    /**
     * Reads and validates a film file whose paths may also name files under the given folders or files.
     *
     * @param path           the film.yaml
     * @param allowedOutside files or folders outside the film's folder that its paths may name (the user's
     *                       {@code --allow-outside})
     * @return the film
     * @throws BadInputException with every problem when the file is missing, is not valid YAML or breaks the schema
     */
    public static Film read(Path path, List<Path> allowedOutside) {
        String text;
        try {
            long size = Files.size(path);
            if (size > Limits.MAX_FILM_BYTES) {
                throw new BadInputException(List.of(new Problem(path.toString(), 0, 0, Limits.tooLarge("the film file",
                    size, Limits.MAX_FILM_BYTES))));
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(List.of(new Problem(path.toString(), 0, 0,
                "cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")));
        }
        return parse(text, path.toString(), allowedOutside);
    }

    /**
     * Parses and validates film.yaml text.
     *
     * @param text the YAML
     * @param file the name to use in problems
     * @throws BadInputException with every problem found
     */
    public static Film parse(String text, String file) {
        return parse(text, file, List.of());
    }

    /**
     * Parses and validates film.yaml text whose paths may also name files under the given folders or files.
     *
     * @param text           the YAML
     * @param file           the film's path, for problems and as the folder its paths are relative to
     * @param allowedOutside files or folders outside the film's folder that its paths may name
     * @return the film
     * @throws BadInputException with every problem found
     */
    public static Film parse(String text, String file, List<Path> allowedOutside) {
        FilmReader r = new FilmReader(file);
        r.allowedOutside = List.copyOf(allowedOutside);
        YamlNode root;
        longLines(text, file);
        try (JsonParser p = YAMLMapper.builder().build().createParser(text)) {
            if (p.nextToken() == null) {
                throw new BadInputException(List.of(new Problem(file, 1, 1, "the file is empty; a film needs at least "
                    + "'title' and 'scenes'")));
            }
            root = YamlNode.read(p, file, r.problems);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw new BadInputException(List.of(new Problem(file, loc == null ? 0 : loc.getLineNr(),
                loc == null ? 0 : loc.getColumnNr(), "not valid YAML: " + msg
                + " (check the indentation: nested keys need more spaces than their parent, and list items start with '- ')")));
        }
        Film film = r.film(root);
        if (!r.problems.isEmpty()) {
            r.problems.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new BadInputException(r.problems);
        }
        return film;
    }

    // ---- the film -------------------------------------------------------------------------------------------------

    /**
     * @throws BadInputException naming each line longer than {@link Limits#MAX_LINE_CHARS} (up to ten), before the
     *                           YAML scanner, whose work grows with the square of a line's length, sees it
     */
    private static void longLines(String text, String file) {
        List<Problem> problems = new java.util.ArrayList<>();
        int line = 1, start = 0;
        for (int i = 0; i <= text.length() && problems.size() < 10; i++) {
            if (i < text.length() && text.charAt(i) != '\n') continue;
            if (i - start > Limits.MAX_LINE_CHARS) {
                problems.add(new Problem(file, line, 1, String.format(java.util.Locale.ROOT, "the line is %,d "
                    + "characters long; a line may have at most %,d (a text value up to %,d, with its key): split "
                    + "it, or write a long text as a block (|) over several lines", i - start, Limits.MAX_LINE_CHARS,
                    Limits.MAX_VALUE_CHARS)));
            }
            line++;
            start = i + 1;
        }
        if (!problems.isEmpty()) throw new BadInputException(problems);
    }

    /**
     * The film.yaml version this reader knows. A film without {@code version:} is version 1; a newer one is refused
     * with the version it needs, never half-read.
     */
    public static final int VERSION = 1;

    private Film film(YamlNode root) {
        if (!(root instanceof MapNode m)) {
            problem(root, "a film file must be a mapping with keys title, format, look, cast, scenes; found " + root.kind());
            return null;
        }
        keys(m, "film", Set.of("version", "title", "seed", "format", "look", "cast", "scenes", "shoot", "deliver",
            "watermark"));
        Long version = integer(m, "version");
        if (version != null && (version < 1 || version > VERSION)) {
            problem(m.entries().get("version").value(), version < 1 ? "version must be 1 or more"
                : "this film.yaml is version " + version + "; this Cinestack reads film.yaml up to version " + VERSION
                + ": update Cinestack to read it");
            return null; // a newer film's keys would only be misread
        }
        String title = text(m, "title", true, null);
        Optional<Long> seed = Optional.ofNullable(integer(m, "seed"));
        Format format = format(m.entries().get("format"));
        Look look = look(m.entries().get("look"));
        List<CastMember> cast = list(m, "cast", false, this::castMember);
        Set<String> castIds = new HashSet<>();
        for (CastMember c : cast) {
            if (c != null && !castIds.add(c.id())) {
                problem(m.entries().get("cast").value(), "cast id '" + c.id() + "' is used twice; ids must be unique");
            }
        }
        Context ctx = new Context(castIds, new HashSet<>(), new HashSet<>(), new ArrayList<>());
        List<Scene> scenes = list(m, "scenes", true, n -> scene(n, ctx));
        for (var match : ctx.matches()) {
            if (!ctx.shotIds().contains(match.getValue())) {
                problem(match.getKey(), "grade.match names shot '" + match.getValue() + "', which is not in the film; "
                    + "known shot ids: " + known(ctx.shotIds()));
            }
        }
        if (scenes.isEmpty() && m.entries().containsKey("scenes")) {
            problem(m.entries().get("scenes").value(), "'scenes' is empty; a film needs at least one scene with one shot");
        }
        int shotCount = scenes.stream().filter(java.util.Objects::nonNull).mapToInt(sc -> sc.shots().size()).sum();
        if (shotCount > Limits.MAX_SHOTS) {
            problem(m.entries().get("scenes").value(), String.format(java.util.Locale.ROOT, "the film has %,d shots, "
                + "over the %,d Cinestack makes in one film (twenty features' worth); split it into films",
                shotCount, Limits.MAX_SHOTS));
        }
        ShootPlan shoot = shoot(m.entries().get("shoot"), ctx);
        List<String> deliver = list(m, "deliver", false, n -> {
            String d = scalarText(n, "a deliverable");
            if (d != null && d.equals("master")) return null; // always made
            if (d != null && !Film.DELIVERABLES.contains(d)) {
                problem(n, "unknown deliverable '" + d + "'; allowed: master, " + String.join(", ", Film.DELIVERABLES));
                return null;
            }
            return d;
        });
        return new Film(title, seed, format, look, cast.stream().filter(java.util.Objects::nonNull).toList(),
            scenes.stream().filter(java.util.Objects::nonNull).toList(), shoot,
            deliver.stream().filter(java.util.Objects::nonNull).distinct().toList(), text(m, "watermark", false, "")
            .strip());
    }

    private ShootPlan shoot(Entry e, Context ctx) {
        if (e == null) return ShootPlan.NONE;
        if (!(e.value() instanceof MapNode m)) {
            problem(e.value(), "'shoot' must be a mapping of shot kinds to backends, for example {default: comfyui, "
                + "character: kling}; found " + e.value().kind());
            return ShootPlan.NONE;
        }
        keys(m, "shoot", Set.of("character", "establishing", "stylized", "insert", "default", "shots", "fallback",
            "models", "workflow", "workflow_map", "references"));
        java.util.Map<String, String> routes = new java.util.LinkedHashMap<>();
        for (String kind : ShootPlan.KINDS) {
            String b = text(m, kind, false, null);
            if (b == null) continue;
            if (!ShootPlan.BACKENDS.contains(b)) {
                problem(m.entries().get(kind).value(), "unknown backend '" + b + "' for " + kind + " shots; allowed: "
                    + String.join(", ", ShootPlan.BACKENDS));
            } else {
                routes.put(kind, b);
            }
        }
        java.util.Map<String, String> shots = new java.util.LinkedHashMap<>();
        for (Entry s : entries(m, "shots")) {
            String v = scalarText(s.value(), "a kind or a backend");
            if (v == null) continue;
            if (!ShootPlan.KINDS.contains(v) && !ShootPlan.BACKENDS.contains(v)) {
                problem(s.value(), "shot '" + s.key() + "': '" + v + "' is neither a kind ("
                    + String.join(", ", ShootPlan.KINDS) + ") nor a backend (" + String.join(", ", ShootPlan.BACKENDS)
                    + ")");
            } else if (!ctx.shotIds().contains(s.key())) {
                problem(s.line(), s.column(), "shoot.shots names shot '" + s.key() + "', which is not in the film");
            } else {
                shots.put(s.key(), v);
            }
        }
        List<String> fallback = list(m, "fallback", false, n -> {
            String b = scalarText(n, "a backend");
            if (b != null && !ShootPlan.BACKENDS.contains(b)) {
                problem(n, "unknown backend '" + b + "' in fallback; allowed: " + String.join(", ", ShootPlan.BACKENDS));
                return null;
            }
            return b;
        });
        java.util.Map<String, String> models = new java.util.LinkedHashMap<>();
        for (Entry s : entries(m, "models")) {
            String v = scalarText(s.value(), "a model name");
            if (v == null) continue;
            if (!ShootPlan.BACKENDS.contains(s.key())) {
                problem(s.line(), s.column(), "models: unknown backend '" + s.key() + "'; allowed: "
                    + String.join(", ", ShootPlan.BACKENDS));
            } else {
                models.put(s.key(), v);
            }
        }
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (Entry s : entries(m, "workflow_map")) {
            String v = scalarText(s.value(), "a node input such as \"6.text\"");
            if (v != null) map.put(s.key(), v);
        }
        java.util.Map<String, String> refs = new java.util.LinkedHashMap<>();
        for (Entry s : entries(m, "references")) {
            String v = scalarText(s.value(), "an image file");
            if (v == null) continue;
            if (!ctx.castIds().contains(s.key()) && !ctx.sceneIds().contains(s.key())) {
                problem(s.line(), s.column(), "references names '" + s.key() + "', which is neither a cast id nor a "
                    + "scene id");
            } else if (inside(s.value(), v, "the reference still")) {
                refs.put(s.key(), v);
            }
        }
        String workflow = text(m, "workflow", false, null);
        if (workflow != null) inside(m.entries().get("workflow").value(), workflow, "the workflow");
        return new ShootPlan(routes, shots, fallback.stream().filter(java.util.Objects::nonNull).toList(), models,
            Optional.ofNullable(workflow), map, refs);
    }

    /** @return the entries of a nested mapping, or none (with a problem) when it is not one */
    private List<Entry> entries(MapNode m, String key) {
        Entry e = m.entries().get(key);
        if (e == null) return List.of();
        if (!(e.value() instanceof MapNode n)) {
            problem(e.value(), "'" + key + "' must be a mapping; found " + e.value().kind());
            return List.of();
        }
        return List.copyOf(n.entries().values());
    }

    /**
     * What the reader has seen so far.
     *
     * @param matches each shot grade's {@code match}: its node and the shot id it names, checked after all shots
     */
    private record Context(Set<String> castIds, Set<String> sceneIds, Set<String> shotIds,
                           List<java.util.Map.Entry<YamlNode, String>> matches) {
    }

    private Format format(Entry e) {
        if (e == null) return Format.DEFAULT;
        if (!(e.value() instanceof MapNode m)) {
            problem(e.value(), "'format' must be a mapping with aspect, width, height, fps; found " + e.value().kind());
            return Format.DEFAULT;
        }
        keys(m, "format", Set.of("aspect", "width", "height", "fps"));
        Double aspect = number(m, "aspect", null, null);
        if (aspect != null && Format.ASPECTS.stream().noneMatch(a -> Math.abs(a - aspect) < 1e-9)) {
            problem(m.entries().get("aspect").value(), "aspect " + aspect + " is not supported; allowed: 2.39, 1.85, 1.78, "
                + "1.0, 0.5625");
        }
        Integer width = intIn(m, "width", 64, 7680);
        Integer height = intIn(m, "height", 64, 4320);
        if (width != null && width % 2 != 0) problem(m.entries().get("width").value(), "width must be even (H.264 4:2:0)");
        if (height != null && height % 2 != 0) {
            problem(m.entries().get("height").value(), "height must be even (H.264 4:2:0)");
        }
        Integer fps = intIn(m, "fps", 1, 120);
        Format d = Format.DEFAULT;
        int w = width == null ? d.width() : width;
        int h = height == null ? d.height() : height;
        double a = aspect == null ? (width == null && height == null ? d.aspect() : (double) w / h) : aspect;
        return new Format(a, w, h, fps == null ? d.fps() : fps);
    }

    private Look look(Entry e) {
        if (e == null) return Look.DEFAULT;
        if (!(e.value() instanceof MapNode m)) {
            problem(e.value(), "'look' must be a mapping with grain, palette, prohibitions; found " + e.value().kind());
            return Look.DEFAULT;
        }
        keys(m, "look", Set.of("grain", "palette", "prohibitions", "stock", "style", "preset", "lut", "exposure",
            "contrast", "skin"));
        Double grain = number(m, "grain", 0.0, 1.0);
        List<String> palette = list(m, "palette", false, n -> {
            String s = scalarText(n, "a palette colour");
            if (s != null && !HEX.matcher(s).matches()) {
                problem(n, "palette colour '" + s + "' is not a hex colour; write it as #rrggbb, for example \"#1f3a5f\" "
                    + "(quoted, since # starts a YAML comment)");
                return null;
            }
            return s;
        });
        List<String> prohibitions = list(m, "prohibitions", false, n -> scalarText(n, "a prohibition"));
        String preset = presetCode(m);
        Double exposure = number(m, "exposure", -4.0, 4.0);
        Double contrast = number(m, "contrast", 0.0, 1.0);
        Double skin = number(m, "skin", 0.0, 1.0);
        String lookLut = text(m, "lut", false, "");
        if (!lookLut.isEmpty()) inside(m.entries().get("lut").value(), lookLut, "the look's LUT");
        GradeSettings grade = new GradeSettings(preset, lookLut, exposure == null ? 0 : exposure,
            contrast == null ? 0 : contrast, skin == null ? GradeSettings.NONE.skinProtection() : skin);
        return new Look(grain == null ? 0 : grain, palette.stream().filter(java.util.Objects::nonNull).toList(),
            prohibitions.stream().filter(java.util.Objects::nonNull).toList(), text(m, "stock", false, ""),
            text(m, "style", false, ""), grade);
    }

    private CastMember castMember(YamlNode n) {
        if (!(n instanceof MapNode m)) {
            problem(n, "a cast member must be a mapping with id, name, description, wardrobe, voice; found " + n.kind());
            return null;
        }
        keys(m, "cast member", Set.of("id", "name", "description", "wardrobe", "voice", "height", "pitch", "rate"));
        String id = id(m, "id");
        String name = text(m, "name", false, id);
        Double height = number(m, "height", 0.5, 2.5);
        Integer pitch = intIn(m, "pitch", 0, 99);
        Integer rate = intIn(m, "rate", 80, 450);
        if (id == null) return null;
        return new CastMember(id, name, text(m, "description", false, ""), text(m, "wardrobe", false, ""),
            Optional.ofNullable(text(m, "voice", false, null)), height == null ? 1.75 : height,
            pitch == null ? CastMember.DEFAULT_PITCH : pitch, rate == null ? CastMember.DEFAULT_WORDS_PER_MINUTE : rate);
    }

    private Scene scene(YamlNode n, Context ctx) {
        if (!(n instanceof MapNode m)) {
            problem(n, "a scene must be a mapping with id, heading, weather, shots; found " + n.kind());
            return null;
        }
        keys(m, "scene", Set.of("id", "heading", "weather", "shots", "ambience", "music"));
        String id = id(m, "id");
        if (id != null && !ctx.sceneIds().add(id)) problem(m.entries().get("id").value(), "scene id '" + id
            + "' is used twice; ids must be unique");
        String heading = text(m, "heading", true, null);
        SceneHeading parsed = null;
        if (heading != null) {
            parsed = SceneHeading.parse(heading);
            if (parsed == null) {
                problem(m.entries().get("heading").value(), "heading '" + heading + "' must start with INT. or EXT. "
                    + "(or INT./EXT., I/E, EST.), for example 'EXT. LIGHTHOUSE - DUSK'");
            }
        }
        Weather weather = enumeration(m, "weather", Weather::parse, Weather.codes(), Weather.CLEAR);
        List<Shot> shots = list(m, "shots", true, s -> shot(s, ctx));
        if (shots.isEmpty() && m.entries().containsKey("shots")) {
            problem(m.entries().get("shots").value(), "scene '" + id + "' has no shots; add at least one");
        }
        Optional<SoundCue> ambience = Optional.ofNullable(m.entries().get("ambience")).map(e -> bed(e, "ambience"));
        Optional<SoundCue> music = Optional.ofNullable(m.entries().get("music")).map(e -> bed(e, "music"));
        if (id == null || parsed == null) return null;
        return new Scene(id, heading, parsed, weather, shots.stream().filter(java.util.Objects::nonNull).toList(),
            ambience, music);
    }

    private Shot shot(YamlNode n, Context ctx) {
        if (!(n instanceof MapNode m)) {
            problem(n, "a shot must be a mapping with id, size, subject, duration, camera...; found " + n.kind());
            return null;
        }
        keys(m, "shot", Set.of("id", "size", "subject", "action", "emotion", "role", "duration", "camera", "light",
            "dialogue", "seed", "coverage", "over", "screen", "rule", "effects", "grade"));
        String id = id(m, "id");
        if (id != null && !ctx.shotIds().add(id)) problem(m.entries().get("id").value(), "shot id '" + id
            + "' is used twice; ids must be unique in the film");
        ShotSize size = enumeration(m, "size", ShotSize::parse, ShotSize.codes(), null);
        if (size == null && !m.entries().containsKey("size")) missing(m, "size", "one of " + String.join(", ",
            ShotSize.codes()));
        String subject = text(m, "subject", false, "");
        if (!subject.isEmpty() && ID.matcher(subject).matches() && !ctx.castIds().contains(subject)) {
            problem(m.entries().get("subject").value(), "subject '" + subject + "' is not a cast id; known cast ids: "
                + known(ctx.castIds()) + " (or describe the subject in words, such as 'the old lighthouse')");
        }
        Double duration = number(m, "duration", 0.25, 60.0);
        if (duration == null && !m.entries().containsKey("duration")) {
            missing(m, "duration", "the shot's length in seconds, for example 'duration: 3.5'");
        }
        Beat role = enumeration(m, "role", Beat::parse, Beat.codes(), Beat.SETUP);
        Camera camera = camera(m.entries().get("camera"), size);
        Light light = light(m.entries().get("light"));
        List<DialogueLine> dialogue = list(m, "dialogue", false, d -> dialogueLine(d, ctx));
        Long seed = integer(m, "seed");
        Coverage coverage = enumeration(m, "coverage", Coverage::parse, Coverage.codes(), Coverage.SINGLE);
        String over = text(m, "over", false, "");
        if (!over.isEmpty() && !ctx.castIds().contains(over)) {
            problem(m.entries().get("over").value(), "over '" + over + "' is not a cast id; known cast ids: "
                + known(ctx.castIds()));
        }
        ScreenSide screen = enumeration(m, "screen", ScreenSide::parse, ScreenSide.codes(), ScreenSide.CENTER);
        List<SoundCue> effects = list(m, "effects", false, e -> cue(e, duration));
        ShotGrade grade = m.entries().containsKey("grade") ? shotGrade(m.entries().get("grade").value(), id, ctx)
            : ShotGrade.NONE;
        if (id == null || size == null || duration == null || camera == null || light == null || coverage == null
            || screen == null) return null;
        return new Shot(id, size, subject, text(m, "action", false, ""), text(m, "emotion", false, ""), role, duration,
            camera, light, dialogue.stream().filter(java.util.Objects::nonNull).toList(), Optional.ofNullable(seed),
            m.line(), coverage, over, screen, text(m, "rule", false, ""),
            effects.stream().filter(java.util.Objects::nonNull).toList(), grade == null ? ShotGrade.NONE : grade);
    }

    /** A shot's {@code grade:} mapping; its {@code match} must name another shot, checked once all are read. */
    private ShotGrade shotGrade(YamlNode n, String shotId, Context ctx) {
        if (!(n instanceof MapNode m)) {
            problem(n, "a shot's grade must be a mapping with preset, lut, exposure, contrast, skin, match or method; "
                + "found " + n.kind());
            return null;
        }
        keys(m, "grade", Set.of("preset", "lut", "exposure", "contrast", "skin", "match", "method"));
        Optional<String> preset = m.entries().containsKey("preset") ? Optional.of(presetCode(m)) : Optional.empty();
        Optional<String> lut = m.entries().containsKey("lut") ? Optional.of(text(m, "lut", false, "")
            .replaceFirst("^none$", "")) : Optional.empty();
        if (lut.isPresent() && !lut.get().isEmpty()) {
            inside(m.entries().get("lut").value(), lut.get(), "the shot's LUT");
        }
        String match = text(m, "match", false, "");
        if (!match.isEmpty()) {
            if (match.equals(shotId)) problem(m.entries().get("match").value(), "a shot cannot be matched to itself");
            else ctx.matches().add(java.util.Map.entry(m.entries().get("match").value(), match));
        }
        String method = text(m, "method", false, "mkl");
        if (!ShotGrade.METHODS.contains(method)) {
            problem(m.entries().get("method").value(), "unknown harmonisation method '" + method + "'; allowed: "
                + String.join(", ", ShotGrade.METHODS));
        }
        return new ShotGrade(preset, lut, optional(number(m, "exposure", -4.0, 4.0)),
            optional(number(m, "contrast", 0.0, 1.0)), optional(number(m, "skin", 0.0, 1.0)), match, method);
    }

    private static java.util.OptionalDouble optional(Double d) {
        return d == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(d);
    }

    /** A look preset by code, {@code none} or {@code ""} meaning no preset; an unknown one is a problem. */
    private String presetCode(MapNode m) {
        String preset = text(m, "preset", false, "");
        if (preset.equals("none")) return "";
        if (!preset.isEmpty() && !GradeSettings.PRESETS.contains(preset)) {
            problem(m.entries().get("preset").value(), "unknown look preset '" + preset + "'; allowed: none, "
                + String.join(", ", GradeSettings.PRESETS));
        }
        return preset;
    }

    private Camera camera(Entry e, ShotSize size) {
        double lens = defaultLens(size);
        if (e == null) return new Camera(new CameraMove.Static(), lens, 2.8, CameraAngle.EYE, 0.45);
        if (!(e.value() instanceof MapNode m)) {
            problem(e.value(), "'camera' must be a mapping with move, lens, aperture, angle, speed; found "
                + e.value().kind());
            return null;
        }
        keys(m, "camera", Set.of("move", "lens", "aperture", "angle", "speed"));
        CameraMove move = enumeration(m, "move", CameraMove::parse, CameraMove.codes(), new CameraMove.Static());
        Double focal = number(m, "lens", 8.0, 600.0);
        Double aperture = number(m, "aperture", 0.7, 64.0);
        CameraAngle angle = enumeration(m, "angle", CameraAngle::parse, CameraAngle.codes(), CameraAngle.EYE);
        Double speed = number(m, "speed", 0.0, 1.0);
        if (move == null || angle == null) return null;
        return new Camera(move, focal == null ? lens : focal, aperture == null ? 2.8 : aperture, angle,
            speed == null ? 0.45 : speed);
    }

    /** @return the lens a cinematographer would reach for at this size when the shot names none, in mm */
    public static double defaultLens(ShotSize size) {
        if (size == null) return 35;
        return switch (size) {
            case EXTREME_WIDE -> 24;
            case WIDE -> 28;
            case FULL, MEDIUM_LONG -> 35;
            case MEDIUM -> 50;
            case MEDIUM_CLOSE_UP -> 65;
            case CLOSE_UP -> 85;
            case EXTREME_CLOSE_UP, INSERT -> 100;
        };
    }

    private Light light(Entry e) {
        if (e == null) return new Light("from camera left", LightSetup.LOOP, 0);
        if (!(e.value() instanceof MapNode m)) {
            problem(e.value(), "'light' must be a mapping with key, setup, temperature; found " + e.value().kind());
            return null;
        }
        keys(m, "light", Set.of("key", "setup", "temperature"));
        String key = text(m, "key", false, "from camera left");
        LightSetup setup = enumeration(m, "setup", LightSetup::parse, LightSetup.codes(), LightSetup.LOOP);
        Double kelvin = number(m, "temperature", 1000.0, 12000.0);
        if (setup == null) return null;
        return new Light(key, setup, kelvin == null ? 0 : kelvin);
    }

    private SoundCue cue(YamlNode n, Double shotSeconds) {
        if (!(n instanceof MapNode m)) {
            problem(n, "an effect must be a mapping with sound, at, and optionally file and level; found " + n.kind());
            return null;
        }
        keys(m, "effect", Set.of("sound", "at", "file", "level"));
        String sound = text(m, "sound", true, null);
        Double at = number(m, "at", 0.0, shotSeconds == null ? 60.0 : shotSeconds);
        Double level = number(m, "level", -30.0, -6.0);
        String asset = soundFile(m, "the effect's", "or leave 'file' out for a synthesised stand-in");
        if (sound == null) return null;
        return new SoundCue(sound, at == null ? 0 : at, java.util.Optional.ofNullable(asset), level == null ? -16
            : level);
    }

    /**
     * A scene's {@code ambience} or {@code music}: a mapping with {@code file} and optionally {@code level}
     * (integrated LUFS, -40..-12) and, for music, {@code at} (seconds after the scene starts).
     */
    private SoundCue bed(Entry e, String what) {
        boolean music = what.equals("music");
        if (!(e.value() instanceof MapNode m)) {
            problem(e.value(), "'" + what + "' must be a mapping with file" + (music ? ", at" : "") + " and level, for "
                + "example '" + what + ": {file: assets/" + (music ? "theme" : "harbour") + ".wav, level: "
                + (music ? "-23" : "-24") + "}'; found " + e.value().kind());
            return null;
        }
        keys(m, what, music ? Set.of("file", "at", "level") : Set.of("file", "level"));
        if (!m.entries().containsKey("file")) missing(m, "file", "an audio file relative to the film.yaml's folder, "
            + "for example 'file: assets/" + (music ? "theme" : "harbour") + ".wav'");
        String asset = soundFile(m, "the " + what + "'s", music ? "or leave 'music' out"
            : "or leave 'ambience' out for a bed made from the place and weather");
        Double at = music ? number(m, "at", 0.0, 3600.0) : null;
        Double level = number(m, "level", -40.0, -12.0);
        if (asset == null) return null;
        return new SoundCue(what, at == null ? 0 : at, Optional.of(asset), level == null ? (music ? -23.0 : -24.0)
            : level);
    }

    /**
     * Keeps a film's files inside its folder: a path in film.yaml (a LUT, a sound, a reference still, a workflow) is
     * resolved against the film.yaml's folder, symbolic links followed, and must land inside that folder or inside
     * something the user allowed with {@code --allow-outside}; otherwise it is a problem at the path's line.
     *
     * @return true when the path may be used
     */
    private boolean inside(YamlNode at, String relative, String what) {
        Path folder = Path.of(file).toAbsolutePath().getParent();
        if (folder == null) return true;
        Path target;
        try {
            target = real(folder.resolve(relative));
            folder = real(folder);
        } catch (java.nio.file.InvalidPathException e) {
            problem(at, what + " '" + relative + "' is not a valid path");
            return false;
        }
        if (target.startsWith(folder)) return true;
        for (Path allowed : allowedOutside) {
            if (target.startsWith(real(allowed.toAbsolutePath()))) return true;
        }
        problem(at, what + " '" + relative + "' is outside the film's folder (" + folder + "); copy it into the folder "
            + "(for example into assets/), or allow it with --allow-outside " + target);
        return false;
    }

    /** @return the path with symbolic links resolved as far as it exists, the rest normalised */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    /** The {@code file} of a mapping, checked to exist relative to the film.yaml's folder; null when not given. */
    private String soundFile(MapNode m, String whose, String otherwise) {
        String asset = text(m, "file", false, null);
        if (asset != null && inside(m.entries().get("file").value(), asset, whose + " file")) {
            java.nio.file.Path base = java.nio.file.Path.of(file).toAbsolutePath().getParent();
            java.nio.file.Path p = base == null ? java.nio.file.Path.of(asset) : base.resolve(asset);
            if (!java.nio.file.Files.isRegularFile(p)) {
                problem(m.entries().get("file").value(), whose + " file '" + asset + "' does not exist (looked for "
                    + p + "); put it there, fix the path (relative to the film.yaml's folder), " + otherwise);
            }
        }
        return asset;
    }

    private DialogueLine dialogueLine(YamlNode n, Context ctx) {
        if (!(n instanceof MapNode m)) {
            problem(n, "a dialogue entry must be a mapping with character and line; found " + n.kind());
            return null;
        }
        keys(m, "dialogue entry", Set.of("character", "line", "at"));
        String who = text(m, "character", true, null);
        if (who != null && !ctx.castIds().contains(who)) {
            problem(m.entries().get("character").value(), "character '" + who + "' is not a cast id; known cast ids: "
                + known(ctx.castIds()));
        }
        String line = text(m, "line", true, null);
        Double at = number(m, "at", DialogueLine.MIN_AT_SECONDS, 60.0);
        return who == null || line == null ? null : new DialogueLine(who, line, Optional.ofNullable(at));
    }

    // ---- typed accessors that record problems ----------------------------------------------------------------------

    private void keys(MapNode m, String what, Set<String> allowed) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                String hint = allowed.stream().filter(a -> distance(a, e.key()) <= 2).findFirst()
                    .map(a -> "did you mean '" + a + "'? ").orElse("");
                problem(e.line(), e.column(), "unknown key '" + e.key() + "' in " + what + "; " + hint + "allowed keys: "
                    + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private String text(MapNode m, String key, boolean required, String fallback) {
        Entry e = m.entries().get(key);
        if (e == null) {
            if (required) missing(m, key, "text");
            return fallback;
        }
        String s = scalarText(e.value(), "'" + key + "'");
        if (s == null || s.isBlank()) {
            if (required) problem(e.value(), "'" + key + "' must not be empty");
            return s == null ? fallback : s;
        }
        return s.strip();
    }

    private String scalarText(YamlNode n, String what) {
        if (n instanceof Scalar s && s.text() != null) return s.text();
        if (n instanceof Scalar) return null;
        problem(n, what + " must be a single value, not " + n.kind());
        return null;
    }

    private String id(MapNode m, String key) {
        String id = text(m, key, true, null);
        if (id != null && !ID.matcher(id).matches()) {
            problem(m.entries().get(key).value(), "id '" + id + "' may use only lower-case letters, digits, '-' and '_', "
                + "starting with a letter or digit; for example 'mara' or 's1-03'");
            return null;
        }
        return id;
    }

    private Double number(MapNode m, String key, Double min, Double max) {
        Entry e = m.entries().get(key);
        if (e == null) return null;
        String range = min == null ? "" : " between " + fmt(min) + " and " + fmt(max);
        if (!(e.value() instanceof Scalar s) || s.text() == null) {
            problem(e.value(), "'" + key + "' must be a number" + range + ", found " + e.value().kind());
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s.text().trim());
        } catch (NumberFormatException ex) {
            problem(s, "'" + key + "' must be a number" + range + ", found '" + s.text() + "'");
            return null;
        }
        if (!Double.isFinite(v) || (min != null && (v < min || v > max))) {
            problem(s, "'" + key + "' is " + s.text().trim() + "; it must be" + range);
            return null;
        }
        return v;
    }

    private Integer intIn(MapNode m, String key, int min, int max) {
        Double v = number(m, key, (double) min, (double) max);
        if (v == null) return null;
        if (v != Math.rint(v)) {
            problem(m.entries().get(key).value(), "'" + key + "' must be a whole number, found " + v);
            return null;
        }
        return v.intValue();
    }

    private Long integer(MapNode m, String key) {
        Entry e = m.entries().get(key);
        if (e == null) return null;
        if (e.value() instanceof Scalar s && s.text() != null) {
            try {
                return Long.parseLong(s.text().trim());
            } catch (NumberFormatException ex) {
                // reported below
            }
        }
        problem(e.value(), "'" + key + "' must be a whole number such as 42");
        return null;
    }

    private <T> T enumeration(MapNode m, String key, Function<String, T> parse, List<String> codes, T fallback) {
        Entry e = m.entries().get(key);
        if (e == null) return fallback;
        String s = scalarText(e.value(), "'" + key + "'");
        if (s == null) return null;
        T v = parse.apply(s);
        if (v == null) {
            String near = codes.stream().filter(c -> distance(c, s.toLowerCase(Locale.ROOT)) <= 2).findFirst()
                .map(c -> "did you mean '" + c + "'? ").orElse("");
            problem(e.value(), "unknown " + key + " '" + s + "'; " + near + "allowed: " + String.join(", ", codes));
        }
        return v;
    }

    private <T> List<T> list(MapNode m, String key, boolean required, Function<YamlNode, T> item) {
        Entry e = m.entries().get(key);
        if (e == null) {
            if (required) missing(m, key, "a list");
            return List.of();
        }
        if (e.value() instanceof Scalar s && s.text() == null) return List.of();
        if (!(e.value() instanceof ListNode l)) {
            problem(e.value(), "'" + key + "' must be a list (items start with '- '), found " + e.value().kind());
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (YamlNode n : l.items()) out.add(item.apply(n));
        return out;
    }

    private void missing(MapNode m, String key, String what) {
        problem(m.line(), m.column(), "missing '" + key + "' (" + what + ")");
    }

    private void problem(YamlNode n, String message) {
        problem(n.line(), n.column(), message);
    }

    private void problem(int line, int column, String message) {
        problems.add(new Problem(file, line, column, message));
    }

    private static String known(Set<String> ids) {
        return ids.isEmpty() ? "(none: add a 'cast' list)" : String.join(", ", ids.stream().sorted().toList());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Levenshtein distance, for "did you mean" hints. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

}
