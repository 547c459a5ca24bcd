package org.cinestack.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cinestack.dailies.FilmLock;
import org.cinestack.deliver.Deliverable;
import org.cinestack.deliver.Master;
import org.cinestack.deliver.Provenance;
import org.cinestack.edit.Assembly;
import org.cinestack.edit.Clip;
import org.cinestack.edit.OtioWriter;
import org.cinestack.edit.Recut;
import org.cinestack.edit.Timeline;
import org.cinestack.film.Film;
import org.cinestack.film.Scene;
import org.cinestack.film.Shot;
import org.cinestack.finish.CubeLut;
import org.cinestack.finish.Grain;
import org.cinestack.media.Sealed;
import org.cinestack.media.Staging;
import org.cinestack.mix.Soundtrack;
import org.cinestack.mix.Speech;
import org.cinestack.mix.Stems;
import org.cinestack.mix.TextToSpeech;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Backend;
import org.cinestack.shoot.Take;
import org.cinestack.shoot.TakeStore;
import org.cinestack.shoot.remote.RemoteBackend;

/**
 * The work of each job of one render of a film ({@link FilmRender} builds the graph): shooting a shot, the cut, the
 * mix, the master, each deliverable, the interchange files with everything copied to {@code out/}, and the
 * provenance. What a job decides is handed on as its result ({@link Cut}); what it only says goes to the render's
 * listener.
 */
final class FilmJobs {
    /**
     * What the cut decided, read by every job after it.
     *
     * @param timeline    the cut: the takes in order, or an edit made elsewhere conformed to them
     * @param chosen      per shot of the plan, the take the cut uses (its circled take)
     * @param speech      the speech engine, or empty for a film without dialogue
     * @param key         the master's cache key ({@link FilmRender#masterKey}, with the edit's clips when cut to one)
     * @param masters     the cache folder of masters and deliverables
     * @param cached      the master's file in it
     * @param reused      true when that master is there and trusted
     * @param base        per deliverable, its file name without extension in {@code masters}
     * @param missing     the deliverables to make
     * @param totalFrames frames of the cut
     * @param grain       the film's grain
     * @param grades      per clip of the cut, its grade (empty when nothing is encoded)
     */
    record Cut(Timeline timeline, List<Take> chosen, Optional<TextToSpeech> speech, String key, Path masters,
               Path cached, boolean reused, Function<String, String> base, List<String> missing, int totalFrames,
               Grain grain, List<Optional<CubeLut>> grades) {
    }

    /** Takes of one shot failed; the others it made are kept. */
    static final class ShotFailed extends RuntimeException {
        private final transient List<RuntimeException> takes;

        ShotFailed(List<RuntimeException> takes, int made) {
            super(FilmRender.shootFailed(takes, made).getMessage(), takes.getFirst());
            this.takes = List.copyOf(takes);
        }

        /** @return each failed take's failure */
        List<RuntimeException> takes() {
            return takes;
        }
    }

    private final Film film;
    private final Path file, project, cache, out;
    private final FilmRender.Options o;
    private final List<ShotSpec> specs;
    private final List<Backend> perShot;
    private final TakeStore store;
    private final Map<String, CubeLut> luts;
    private final Optional<Recut.Edit> edit;
    private final RenderListener listener;
    private final List<String> warnings;
    private final Consumer<String> warn;
    private final List<String> shotIds;
    private final int[] planFrames;
    private final String slug;
    private final long shootFrames;
    /** Takes made in this render. */
    final AtomicInteger generated = new AtomicInteger();
    /** Takes made on other services so far, and in all. */
    private final AtomicInteger hostedDone = new AtomicInteger();
    private final int hostedTotal;
    /** Shots whose segments the master encoded (the rest came from the cache). */
    volatile int shotsEncoded;
    /** The dailies of each shot and the choice of its take. */
    final DailiesJobs dailies;
    /** Shots taken as they are in the take store, never shot (a render of other shots, {@code --shot}). */
    final java.util.Set<Integer> held;

    FilmJobs(Film film, Path file, Path out, FilmRender.Options o, List<ShotSpec> specs, List<Backend> perShot,
             TakeStore store, Map<String, CubeLut> luts, Optional<Recut.Edit> edit, List<String> warnings,
             Consumer<String> warn, long shootFrames, int hostedTotal, FilmLock lock, int retakes,
             java.util.Set<Integer> held, double budgetLeft) {
        this.held = held;
        this.film = film;
        this.file = file;
        this.project = file.getParent();
        this.cache = project.resolve(".cinestack");
        this.out = out;
        this.o = o;
        this.specs = specs;
        this.perShot = perShot;
        this.store = store;
        this.luts = luts;
        this.edit = edit;
        this.listener = o.listener();
        this.warnings = warnings;
        this.warn = warn;
        this.shotIds = specs.stream().map(ShotSpec::shotId).toList();
        this.planFrames = specs.stream().mapToInt(ShotSpec::frameCount).toArray();
        this.slug = film.slug();
        this.shootFrames = shootFrames;
        this.hostedTotal = hostedTotal;
        this.dailies = new DailiesJobs(film, specs, perShot, store, lock, retakes, held, budgetLeft, listener, warn,
            generated);
    }

    /**
     * Shoots the takes a shot is missing: on another service each take is a job of its own, waited for on a virtual
     * thread (the backend bounds how many run at once); previs renders here, take after take, on every core.
     *
     * @param i      the shot's index in the plan
     * @param wanted takes wanted
     * @param cached told when every take wanted is there already (nothing is made)
     * @return the shot's takes, by number
     * @throws org.cinestack.shoot.remote.ShootException when a take failed (the others made are kept)
     */
    List<Take> shoot(int i, int wanted, Runnable cached) {
        ShotSpec spec = specs.get(i);
        Backend backend = perShot.get(i);
        List<Take> takes = java.util.Collections.synchronizedList(new ArrayList<>(store.takes(
            TakeStore.digest(spec, backend))));
        List<Integer> missing = new ArrayList<>(FilmRender.missingTakes(takes, wanted));
        int director = dailies.directorTake(i); // a take the director circled is there, whatever the number of takes
        if (director > wanted && takes.stream().noneMatch(t -> t.number() == director)) missing.add(director);
        if (missing.isEmpty()) cached.run();
        if (held.contains(i) && !missing.isEmpty()) { // staging saw its takes; they went (`cinestack clean`)
            throw new IllegalStateException("shot " + spec.shotId() + " has no take " + missing.getFirst()
                + " in the take store any more, and this render makes only the shots it names; render the film");
        }
        if (backend instanceof RemoteBackend remote) {
            List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int n : missing) {
                    threads.submit(() -> {
                        try {
                            takes.add(store.shoot(spec, remote, n, (f, total) -> { }));
                            generated.incrementAndGet();
                            synchronized (listener) {
                                listener.hostedTake(hostedDone.getAndIncrement(), hostedTotal, spec.shotId());
                            }
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    });
                }
            }
            if (!failures.isEmpty()) throw new ShotFailed(failures, missing.size() - failures.size());
        } else {
            synchronized (listener) {
                listener.shot(i, specs.size(), spec.shotId(), spec.frameCount(), missing.size());
            }
            for (int n : missing) {
                takes.add(store.shoot(spec, backend, n, listener::frames));
                generated.incrementAndGet();
            }
        }
        List<Take> sorted = new ArrayList<>(takes);
        sorted.sort(java.util.Comparator.comparingInt(Take::number));
        return sorted;
    }

    /**
     * The cut: the circled take of each shot in order (or the edit conformed to them), written to film.lock with who
     * chose it; the speech engine, the master's key and what is to be made; tells the listener the work ahead.
     *
     * @param shots per shot of the plan, its takes and their choice
     * @return what the cut decided
     */
    Cut cut(List<DailiesJobs.Dailied> shots) throws IOException {
        List<Take> chosen = shots.stream().map(DailiesJobs.Dailied::circled).toList();
        dailies.writeLock(shots);
        Files.createDirectories(out);
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ShotSpec s = specs.get(i);
            Take t = chosen.get(i);
            clips.add(new Clip(s.shotId(), t.media(), 0, s.frameCount(), s.frameCount(), t.mediaDigest()));
        }
        Timeline timeline = Assembly.cut(film.title(), film.format().fps(), clips);
        if (edit.isPresent()) {
            timeline = Recut.conform(edit.get(), film.title(), film.format().fps(), shotIds, chosen, planFrames);
            edit.get().warnings().forEach(warn);
        }
        boolean hasDialogue = film.scenes().stream().flatMap(sc -> sc.shots().stream())
            .anyMatch(sh -> !sh.dialogue().isEmpty());
        Optional<TextToSpeech> speech = hasDialogue ? TextToSpeech.onThisMachine() : Optional.empty();
        if (speech.isPresent() && !(speech.get() instanceof Speech)) {
            String w = "espeak-ng is not installed, so the dialogue is spoken by the built-in voice (FreeTTS: "
                + "English, one man's voice, raised for female voices); for the cast's own voices install "
                + "espeak-ng ('sudo apt-get install espeak-ng') and render again";
            warn.accept(w);
        }
        // a film without dialogue sounds the same whatever engine this machine has
        String ownKey = FilmRender.masterKey(film, chosen, specs, speech.map(TextToSpeech::engine).orElse("none"),
            o.delivery(), project);
        String key = edit.isEmpty() ? ownKey : ShotSpec.sha256(ownKey + "\nedit " + timeline); // clip by clip
        int totalFrames = timeline.tracks().getFirst().durationFrames();
        Path masters = cache.resolve("masters");
        Files.createDirectories(masters);
        Path cached = masters.resolve(key + ".mp4");
        boolean reused = Sealed.trusted(cached); // made and checked whole: anything else is made again
        // deliverables are cached by the master's key, and the watermarked ones by the watermark too
        Function<String, String> base = p -> Deliverable.of(p).watermarked() && !film.watermark().isEmpty()
            ? ShotSpec.sha256(key + "\nwatermark " + film.watermark()) + "." + p : key + "." + p;
        List<String> missing = film.deliver().stream().filter(p -> Deliverable.of(p).files().stream()
            .anyMatch(ext -> ext.equals(".crops.json") ? !Files.isRegularFile(masters.resolve(base.apply(p) + ext))
                : !Sealed.trusted(masters.resolve(base.apply(p) + ext)))).toList();
        List<RenderWork.Encode> encodes = new ArrayList<>();
        if (!reused) encodes.add(new RenderWork.Encode("master", totalFrames));
        for (String p : missing) encodes.add(new RenderWork.Encode(p, totalFrames));
        listener.planned(new RenderWork(shootFrames, !encodes.isEmpty(), encodes));
        Grain grain = new Grain(film.look().grain(), film.seed().orElse(0L), Grain.Stock.of(film.look().stock()));
        List<Optional<org.cinestack.finish.CubeLut>> shotGrades = reused && missing.isEmpty() ? List.of()
            : FilmRender.gradeLuts(film, specs, chosen, luts);
        List<Optional<org.cinestack.finish.CubeLut>> grades = new ArrayList<>(); // per clip of the cut
        for (Clip c : timeline.tracks().getFirst().clips()) {
            grades.add(c.isGap() || shotGrades.isEmpty() ? Optional.empty()
                : shotGrades.get(shotIds.indexOf(c.name())));
        }
        return new Cut(timeline, chosen, speech, key, masters, cached, reused, base, missing, totalFrames, grain,
            grades);
    }

    /**
     * The soundtrack, mixed to the cut at the delivery's loudness, its true peak held through the codec.
     *
     * @return the mix, or null when the master and every deliverable are cached (nothing to mix for)
     */
    Soundtrack.Mix mix(Cut decided) throws IOException {
        Timeline timeline = decided.timeline();
        Optional<TextToSpeech> speech = decided.speech();
        String key = decided.key();
        Path masters = decided.masters();
        boolean reused = decided.reused();
        List<String> missing = decided.missing();
        Soundtrack.Mix mix = null;
        if (!reused || !missing.isEmpty()) {
            listener.stage("mix");
            mix = Soundtrack.mix(film, planFrames, speech, o.delivery(), project);
            if (edit.isPresent()) mix = FilmRender.recutMix(mix, timeline, shotIds, planFrames, o.delivery());
            org.cinestack.mix.CodecPeak.hold(mix.samples(), o.delivery(), Staging.beside(masters.resolve(key + ".trial.m4a")));
        }
        return mix;
    }

    /** The master: its stems, then the segments joined with the sound, checked whole; or the cached one, touched. */
    void master(Cut decided, Soundtrack.Mix mix) throws IOException {
        Timeline timeline = decided.timeline();
        String key = decided.key();
        Path masters = decided.masters(), cached = decided.cached();
        boolean reused = decided.reused();
        int totalFrames = decided.totalFrames();
        Grain grain = decided.grain();
        List<Optional<CubeLut>> grades = decided.grades();
        if (!reused) {
            Stems.write(masters.resolve(key + ".dialogue.wav"), mix.dialogue());
            Stems.write(masters.resolve(key + ".ambience.wav"), mix.ambience());
            boolean anyEffect = film.scenes().stream().anyMatch(sc -> sc.shots().stream()
                .anyMatch(sh -> !sh.effects().isEmpty()));
            if (anyEffect) Stems.write(masters.resolve(key + ".effects.wav"), mix.effects());
            if (film.scenes().stream().anyMatch(sc -> sc.music().isPresent())) {
                Stems.write(masters.resolve(key + ".music.wav"), mix.music());
            }
            mix.warnings().forEach(w -> {
                warnings.add(w);
                listener.warning(w);
            });
            Path tmp = Staging.beside(cached);
            listener.stage("master");
            try {
                Master.Result made = Master.encode(timeline, film.format().width(), film.format().height(),
                    grades, grain, mix.samples(), tmp, cache.resolve("segments"),
                    done -> listener.master(done, totalFrames));
                shotsEncoded = made.encodedShots();
                CacheClean.recordSegments(masters, key, made.segments());
                Sealed.place(tmp, cached, totalFrames);
            } finally {
                Files.deleteIfExists(tmp); // placed, or left by a failure
            }
        } else {
            CacheClean.touch(cached);
        }
    }

    /** One deliverable: web and ProRes made like the master, vertical and square reframed along the subject. */
    void deliverable(Cut decided, Soundtrack.Mix mix, String profile) throws IOException {
        Timeline timeline = decided.timeline();
        List<Take> chosen = decided.chosen();
        Path masters = decided.masters();
        Function<String, String> base = decided.base();
        int totalFrames = decided.totalFrames();
        Grain grain = decided.grain();
        List<Optional<CubeLut>> grades = decided.grades();
        listener.stage(profile);
        Deliverable d = Deliverable.of(profile);
        if (!d.reframed()) { // web and ProRes: made of the master's segments, scaled and encoded their way
            Path version = masters.resolve(base.apply(profile) + d.extension());
            Path tmp = Staging.beside(version);
            try {
                List<Path> made = Master.encodeVersion(timeline, film.format().width(),
                    film.format().height(), grades, grain, mix.samples(), tmp, d.settings(), d.watermarked()
                        ? film.watermark() : "", cache.resolve("segments"),
                    done -> listener.master(done, totalFrames));
                CacheClean.recordSegments(masters, base.apply(profile), made);
                Sealed.place(tmp, version, totalFrames);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return;
        }
        int[] size = d.size(film.format().width(), film.format().height());
        List<List<int[]>> boxes = new ArrayList<>(), heads = new ArrayList<>();
        for (Clip c : timeline.tracks().getFirst().clips()) { // the boxes of each clip's take
            if (c.isGap()) {
                boxes.add(null);
                heads.add(null);
                return;
            }
            Take t = chosen.get(shotIds.indexOf(c.name()));
            org.cinestack.shoot.TakeRecord r = org.cinestack.shoot.TakeRecord.read(t.folder());
            boxes.add(r.subjectBoxes().orElse(null));
            heads.add(r.headBoxes().orElse(null));
        }
        Path version = masters.resolve(base.apply(profile) + ".mp4");
        Path tmp = Staging.beside(version);
        try {
            org.cinestack.deliver.Reframed.Result made = org.cinestack.deliver.Reframed.encode(timeline,
                boxes, heads, size[0], size[1], grades, grain, mix.samples(), film.watermark(), tmp,
                cache.resolve("segments"), done -> listener.master(done, totalFrames));
            List<org.cinestack.deliver.Reframed.Crop> crops = made.crops();
            CacheClean.recordSegments(masters, base.apply(profile), made.segments());
            org.cinestack.deliver.Reframed.writeCrops(crops, masters.resolve(base.apply(profile) + ".crops.json"));
            Sealed.place(tmp, version, totalFrames);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Everything to {@code out/}: the deliverables, the stems and the master, then the cut's interchange files (only
     * once the master is there, so a render that stopped earlier leaves {@code out/} as the last finished one did);
     * and the record of what this render uses, for {@code cinestack clean}.
     *
     * @return the master in {@code out/}
     */
    Path interchange(Cut decided) throws IOException {
        Timeline timeline = decided.timeline();
        String key = decided.key();
        Path masters = decided.masters(), cached = decided.cached();
        Function<String, String> base = decided.base();
        List<String> missing = decided.missing();
        List<String> inUse = new ArrayList<>(List.of(key)); // what this render uses, kept by `cinestack clean`
        for (String profile : film.deliver()) {
            inUse.add(base.apply(profile));
            Path made = masters.resolve(base.apply(profile) + Deliverable.of(profile).extension());
            if (!missing.contains(profile)) CacheClean.touch(made);
        }
        CacheClean.recordInUse(cache, file, o.edit(), inUse);
        for (String profile : Film.DELIVERABLES) { // out/<slug>.<profile>.mp4 or .mov, and a crop path
            for (String ext : Deliverable.of(profile).files()) {
                Path target = out.resolve(slug + "." + profile + ext);
                if (!film.deliver().contains(profile)) {
                    Files.deleteIfExists(target);
                    continue;
                }
                Path tmpCopy = Staging.beside(target);
                Files.copy(masters.resolve(base.apply(profile) + ext), tmpCopy, StandardCopyOption.REPLACE_EXISTING);
                Staging.place(tmpCopy, target);
            }
        }
        for (String stem : FilmRender.STEMS) { // stems beside the master, 48 kHz 24-bit WAV
            Path from = masters.resolve(key + "." + stem + ".wav");
            if (!Files.isRegularFile(from)) { // this film has no such stem (any more)
                Files.deleteIfExists(out.resolve(slug + "." + stem + ".wav"));
                continue;
            }
            Path tmpStem = Staging.beside(out.resolve(slug + "." + stem + ".wav"));
            Files.copy(from, tmpStem, StandardCopyOption.REPLACE_EXISTING);
            Staging.place(tmpStem, out.resolve(slug + "." + stem + ".wav"));
        }
        Path master = out.resolve(slug + ".mp4");
        Path tmpOut = Staging.beside(master);
        Files.copy(cached, tmpOut, StandardCopyOption.REPLACE_EXISTING);
        Staging.place(tmpOut, master);
        // the cut's interchange files go to out/ only once its master is there: a render that stops earlier
        // leaves out/ as the last finished render made it
        Path otio = out.resolve(slug + ".otio");
        for (String ext : List.of(".otio", ".edl", ".mlt", ".fcpxml")) { // interchange files of the cut
            Path target = out.resolve(slug + ext);
            if (edit.isPresent() && Files.exists(target) && Files.isSameFile(target, edit.get().file())) {
                warn.accept(target + " is the edit this render was cut to; it is left as it "
                    + "is, not written over with the cut as read");
                continue;
            }
            switch (ext) {
                case ".otio" -> OtioWriter.write(timeline, target);
                case ".edl" -> org.cinestack.edit.Edl.write(timeline, target);
                case ".mlt" -> org.cinestack.edit.MltWriter.write(timeline, film.format().width(),
                    film.format().height(), target);
                default -> org.cinestack.edit.FcpxmlWriter.write(timeline, film.format().width(),
                    film.format().height(), target);
            }
        }

        return master;
    }

    /**
     * @param shots per shot of the plan, its takes and their choice
     * @return the dailies report, {@code out/dailies/index.html}
     */
    Path report(List<DailiesJobs.Dailied> shots) throws IOException {
        Map<String, org.cinestack.dailies.Defect> identity = DailiesReport.identity(film, specs, shots);
        identity.forEach((shot, d) -> warn.accept("dailies: shot " + shot + ": " + d.words()));
        return DailiesReport.write(film, specs, shots, identity, org.cinestack.dailies.TakeNotes.read(
            file.toAbsolutePath().getParent()), out);
    }

    /** @return the provenance written beside the master */
    Path provenance(Cut decided, Path master) throws IOException {
        Timeline timeline = decided.timeline();
        List<Take> chosen = decided.chosen();
        Optional<TextToSpeech> speech = decided.speech();
        Grain grain = decided.grain();
        List<Provenance.Ingredient> ingredients = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>(); // the shots the cut uses
        for (Clip c : timeline.tracks().getFirst().clips()) used.add(c.name());
        for (int i = 0; i < specs.size(); i++) {
            if (!used.contains(specs.get(i).shotId())) continue; // dropped in an edit made elsewhere
            Take t = chosen.get(i);
            Backend backend = perShot.get(i);
            org.cinestack.shoot.TakeRecord record = org.cinestack.shoot.TakeRecord.read(t.folder());
            boolean generative = backend instanceof RemoteBackend;
            double cost = record.costUsd();
            ingredients.add(new Provenance.Ingredient(specs.get(i).shotId(), t.specDigest(),
                backend.id() + "/" + backend.version(), record.model(), generative, t.seed(),
                t.number(), t.mediaDigest(), ShotSpec.sha256(specs.get(i).prompt().text() + "\n"
                + specs.get(i).prompt().negative()), generative ? cost : 0, specs.get(i).frameCount()));
        }
        Path provenance = out.resolve(slug + ".provenance.json");
        String cutText = "";
        if (edit.isPresent()) {
            cutText = "cut to the edit " + edit.get().file().getFileName() + " (SHA-256 " + edit.get().digest()
                + "), made elsewhere: " + timeline.tracks().getFirst().clips().size() + " clips";
        }
        StringBuilder gradeText = new StringBuilder(FilmRender.describe(film.look().grade()));
        for (Scene sc : film.scenes()) { // shots with a grade of their own
            for (Shot sh : sc.shots()) {
                if (sh.grade().isNone()) continue;
                gradeText.append(gradeText.isEmpty() ? "" : "; ").append(sh.id()).append(": ")
                    .append(FilmRender.describe(sh.grade().over(film.look().grade())));
                if (!sh.grade().match().isEmpty()) {
                    gradeText.append(", matched to ").append(sh.grade().match()).append(" (")
                        .append(sh.grade().method()).append(')');
                }
            }
        }
        Provenance.write(provenance, film.title(), TakeStore.sha256(file), TakeStore.sha256(master), ingredients,
            new Provenance.Finishing(gradeText.toString(), String.format(Locale.ROOT, "%.2f, %s", film.look().grain(),
                Grain.Stock.of(film.look().stock()).name()), o.delivery().name().toLowerCase(Locale.ROOT),
                film.deliver(), speech.map(TextToSpeech::engine).orElse(""), cutText,
                film.deliver().stream().anyMatch(p -> Deliverable.of(p).watermarked()) ? film.watermark() : ""));
        return provenance;
    }
}
