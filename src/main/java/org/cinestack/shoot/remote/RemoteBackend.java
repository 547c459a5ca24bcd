package org.cinestack.shoot.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.cinestack.media.Conform;
import org.cinestack.media.MediaException;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.Backend;
import org.cinestack.shoot.TakeRecord;
import org.cinestack.media.Staging;

/**
 * A backend that generates takes on a server: the life of a job, the same for every provider.
 * <ol>
 *   <li>The job gets a client task id derived from the take (its digest input and seed), so the same take always
 *       has the same id.</li>
 *   <li>Before submitting, a journal file {@code .cinestack/jobs/<task id>.json} is written; after the provider
 *       answers, its job id is added. If the process dies anywhere in between, the next run finds the journal and
 *       looks the job up ({@link #lookup}) instead of paying for it again.</li>
 *   <li>The budget is checked before each submission; every request goes in the {@link Ledger}.</li>
 *   <li>The job is awaited (progress reported), its result downloaded, checked to decode with about the length asked
 *       for (a truncated download is fetched again once), and conformed to the take: picture size, film rate, frame
 *       count ({@link Conform}).</li>
 * </ol>
 * Concurrency: at most {@link Capabilities#maxConcurrent()} jobs are in flight per backend; callers wait on virtual
 * threads.
 */
public abstract class RemoteBackend implements Backend {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Conforming decodes and encodes on this machine: no more at once than it has cores, whatever is in flight. */
    private static final Semaphore LOCAL_WORK = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    /** Where the provider put the result. */
    public record Result(String location, double actualUsd, Map<String, Object> details) {
    }

    private final Path jobs;
    private final Ledger ledger;
    private final Budget budget;
    private Semaphore slots;
    private volatile boolean draft;
    private volatile java.util.function.Function<ShotSpec, java.util.List<Path>> references = s -> java.util.List.of();

    /**
     * @param cacheFolder the project's {@code .cinestack} folder
     * @param ledger      the spend ledger
     * @param budget      the spending limit of this run
     */
    protected RemoteBackend(Path cacheFolder, Ledger ledger, Budget budget) {
        this.jobs = cacheFolder.resolve("jobs");
        this.ledger = ledger;
        this.budget = budget;
    }

    /** The in-flight limit, made on first use (subclasses are fully built by then). */
    private synchronized Semaphore slots() {
        if (slots == null) slots = new Semaphore(Math.max(1, capabilities().maxConcurrent()), true);
        return slots;
    }

    /** @return what the backend can do and what it costs */
    public abstract Capabilities capabilities();

    /**
     * Makes drafts: small and cheap (half the picture size asked of the model, which picks its lower resolution
     * tier where it has one); a draft's takes are apart from full-quality ones, with the same seeds.
     *
     * @param on true for drafts
     * @return this backend
     */
    public RemoteBackend draft(boolean on) {
        this.draft = on;
        return this;
    }

    /** @return true when this backend makes drafts */
    public boolean isDraft() {
        return draft;
    }

    /**
     * Sets where a shot's reference stills come from (the cast's, then the location's). A backend that takes
     * reference images gets them all (up to its limit); one that takes only a first frame gets the first still as
     * its first frame; others get none.
     *
     * @param stills the stills of a shot
     * @return this backend
     */
    public RemoteBackend referencesFrom(java.util.function.Function<ShotSpec, java.util.List<Path>> stills) {
        this.references = stills;
        return this;
    }

    /**
     * @param spec a shot
     * @return what the anchors of a shot add to its digest input: the draft mark and the stills' SHA-256, so a new
     *         still or a draft makes new takes
     */
    protected String anchorsDigest(ShotSpec spec) {
        StringBuilder sb = new StringBuilder(draft ? "\ndraft" : "");
        for (Path p : usedReferences(spec)) {
            try {
                sb.append("\nreference=").append(org.cinestack.shoot.TakeStore.sha256(p));
            } catch (IOException e) {
                throw new ShootException("cannot read the reference still " + p + ": " + e.getMessage(), e);
            }
        }
        return sb.toString();
    }

    /** @return the stills this backend sends for a shot */
    public java.util.List<Path> usedReferences(ShotSpec spec) {
        java.util.List<Path> refs = references.apply(spec);
        Capabilities c = capabilities();
        if (c.maxReferences() > 0) return refs.subList(0, Math.min(refs.size(), c.maxReferences()));
        if (c.imageToVideo() && !refs.isEmpty()) return refs.subList(0, 1);
        return java.util.List.of();
    }

    /** The request with its anchors: reference stills or a first frame, and the draft size. */
    private GenerationRequest anchored(ShotSpec spec) {
        GenerationRequest r = request(spec);
        java.util.List<Path> refs = usedReferences(spec);
        if (capabilities().maxReferences() > 0 && !refs.isEmpty()) {
            r = r.withReferences(refs);
        } else if (!refs.isEmpty() && r.firstFrame().isEmpty() && r.controlVideo().isEmpty()) {
            r = r.withFirstFrame(refs.getFirst());
        }
        return draft ? r.draft() : r;
    }

    /** @return the model or workflow used, for the ledger and take.json */
    public abstract String model();

    /**
     * @param request a shot's request
     * @return the model that request goes to: {@link #model()}, unless a backend switches models by request (an
     *     image-to-video model for a first frame); the ledger and the take record this one
     */
    protected String modelFor(GenerationRequest request) {
        return model();
    }

    /**
     * Builds the provider's request body for a shot (without secrets), for {@code cinestack prompts --backend}.
     *
     * @param request the request
     * @return the body as the provider would receive it
     */
    public abstract JsonNode requestBody(GenerationRequest request);

    /**
     * @param request the request
     * @return {@link #requestBody} as compact JSON text
     */
    public String requestBodyJson(GenerationRequest request) {
        return requestBody(request).toString();
    }

    /**
     * Submits a job.
     *
     * @param request      what to make
     * @param clientTaskId our id for it; providers that take one use it, so a repeat is not a second job
     * @return the provider's job id
     */
    protected abstract String submit(GenerationRequest request, String clientTaskId);

    /**
     * Finds a job submitted under this client task id by an earlier run that died before the provider's answer came.
     *
     * @param clientTaskId our id
     * @param request      what was sent under that id (for providers that find jobs by their input)
     * @return the provider's job id when it has the job
     */
    protected abstract Optional<String> lookup(String clientTaskId, GenerationRequest request);

    /**
     * Waits for a job to finish.
     *
     * @param jobId    the provider's id
     * @param request  what was asked
     * @param progress told how far it is, in frames of the request
     * @return where the result is
     * @throws ShootException when the job fails
     */
    protected abstract Result await(String jobId, GenerationRequest request, Progress progress);

    /**
     * Downloads a result.
     *
     * @param result where it is
     * @param file   where to write it
     */
    protected abstract void download(Result result, Path file);

    /** Cancels a job, as well as the provider allows (best effort, no exception). */
    protected abstract void cancel(String jobId);

    /**
     * The request for a shot: text-to-video by default; backends override to add first frames or control videos.
     *
     * @param spec the shot with the take's seed
     * @return the request
     */
    protected GenerationRequest request(ShotSpec spec) {
        return GenerationRequest.of(spec);
    }

    /**
     * @param request a request as this backend sends it
     * @return the row of this backend's capability table the request goes by, where the backend keeps one
     */
    public java.util.Optional<ModelRules> rules(GenerationRequest request) {
        return java.util.Optional.empty();
    }

    /**
     * What a shot loses on this backend, before anything is sent or paid for ({@link ModelRules#losses}).
     *
     * @param spec the shot
     * @return one sentence per loss; empty when the shot goes as planned or the backend keeps no table
     */
    public java.util.List<String> losses(ShotSpec spec) {
        GenerationRequest r = anchored(spec);
        return rules(r).map(m -> m.losses(r, references.apply(spec).size(), hasCameraField(r.move())))
            .orElse(java.util.List.of());
    }

    /**
     * @param move a move code
     * @return whether this backend's camera control has a field for the move (true where it has no camera control:
     *         the capability table says so then)
     */
    protected boolean hasCameraField(String move) {
        return true;
    }

    /** @return the estimated price of a shot, US dollars */
    public double estimateUsd(ShotSpec spec) {
        return capabilities().estimateUsd(spec.durationSeconds());
    }

    /**
     * @return the client task id of a take: a UUID from the take's digest input and seed, and the number of earlier
     *         jobs for it that the provider reported failed (a failed job's id is not used again)
     */
    public String clientTaskId(ShotSpec spec) {
        for (int attempt = 0; ; attempt++) {
            byte[] h = ShotSpec.sha256(digestInput(spec) + "\n" + id() + "\n" + version() + "\n" + spec.seed()
                + (attempt == 0 ? "" : "\nattempt " + attempt)).substring(0, 32).getBytes(StandardCharsets.US_ASCII);
            String task = UUID.nameUUIDFromBytes(h).toString();
            if (!ledger.failed(task)) return task;
        }
    }

    @Override
    public TakeRecord.Made shoot(ShotSpec spec, Path folder, Progress progress) {
        return shoot(spec, folder, 0, progress);
    }

    @Override
    public TakeRecord.Made shoot(ShotSpec spec, Path folder, int take, Progress progress) {
        GenerationRequest request = anchored(spec);
        String model = modelFor(request);
        String task = clientTaskId(spec);
        Path journal = jobs.resolve(task + ".json");
        double estimate = estimateUsd(spec);
        String digest = ShotSpec.sha256(digestInput(spec) + "\n" + id() + "\n" + version());
        try {
            slots().acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShootException(id() + ": interrupted before shot " + spec.shotId() + " was submitted", e);
        }
        String jobId = null;
        boolean refused = false;
        try {
            Optional<String> known = readJobId(journal);
            boolean journalled = Files.isRegularFile(journal);
            if (known.isEmpty() && journalled) known = lookup(task, request);
            if (known.isPresent()) {
                jobId = known.get();
                ledger.append(entry(model, spec, take, digest, task, jobId, 0, 0, Ledger.Outcome.RESUMED, ""));
            } else {
                if (!budget.reserve(estimate)) {
                    refused = true;
                    ledger.append(entry(model, spec, take, digest, task, "", estimate, 0, Ledger.Outcome.REFUSED, "over budget"));
                    throw new ShootException(String.format(Locale.ROOT, "%s: shot %s would cost about $%.2f, over "
                        + "what is left of the budget ($%.2f of $%.2f); nothing more was submitted (raise "
                        + "--budget-usd to go on)", id(), spec.shotId(), estimate, budget.leftUsd(),
                        budget.limitUsd()), null);
                }
                writeJournal(journal, task, null);
                while (jobId == null) {
                    try {
                        jobId = submit(request, task);
                    } catch (ShootException e) {
                        Optional<GenerationRequest> lesser = e.wasNotSent() ? lesser(request, e) : Optional.empty();
                        if (lesser.isEmpty()) throw e;
                        // refused outright, so nothing was made or charged: sent once more the documented lesser way
                        ledger.append(entry(model, spec, take, digest, task, "", 0, 0, Ledger.Outcome.REFUSED,
                            "refused by the provider, nothing charged (" + e.getMessage() + "); sent again "
                                + lessened(request, lesser.get())));
                        request = lesser.get();
                        model = modelFor(request);
                    }
                }
                // the ledger first: if the journal cannot be written after a paid submission, the spend is still on
                // record
                ledger.append(entry(model, spec, take, digest, task, jobId, estimate, 0, Ledger.Outcome.SUBMITTED, ""));
                writeJournal(journal, task, jobId);
            }
            Result result = await(jobId, request, progress);
            Path raw = folder.resolve("generated" + extension(result.location()));
            Conform.Source source = null;
            for (int attempt = 1; attempt <= 2 && source == null; attempt++) {
                download(result, raw);
                try {
                    source = Conform.probe(raw);
                    double want = request.frames() / (double) request.fps();
                    if (source.seconds() < want * 0.9 - 0.05) {
                        throw new MediaException(String.format(Locale.ROOT, "the clip is %.2f s (%d frames at %.1f "
                            + "fps), %.2f s was asked for", source.seconds(), source.frames(), source.fps(), want), null);
                    }
                } catch (MediaException e) {
                    source = null;
                    if (attempt == 2) throw new ShootException(id() + ": shot " + spec.shotId() + ": the downloaded "
                        + "clip is not whole (" + e.getMessage() + ")", e);
                }
            }
            LOCAL_WORK.acquireUninterruptibly();
            try {
                Conform.toTake(raw, folder.resolve("take.mp4"), spec.pictureWidth(), spec.pictureHeight(), spec.fps(),
                    spec.frameCount());
            } finally {
                LOCAL_WORK.release();
            }
            progress.frames(spec.frameCount(), spec.frameCount());
            double actual = result.actualUsd() >= 0 ? result.actualUsd() : estimate;
            // the journal stays: if the process dies before the store keeps the take, the next run downloads the
            // finished job again instead of paying for a new one
            ledger.append(entry(model, spec, take, digest, task, jobId, estimate, actual, Ledger.Outcome.SUCCEEDED, ""));
            Map<String, Object> generated = new LinkedHashMap<>();
            generated.put("width", source.width());
            generated.put("height", source.height());
            generated.put("fps", source.fps());
            generated.put("frames", source.frames());
            return new TakeRecord.Made(model, task, jobId, estimate, actual, generated, requestBody(request), null,
                null, null, result.details().isEmpty() ? null : result.details());
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() && jobId != null) cancelAfterInterrupt(jobId);
            boolean ended = e instanceof ShootException s && s.jobFailed();
            boolean neverMade = jobId == null && e instanceof ShootException s && s.wasNotSent();
            if (!refused) ledger.append(entry(model, spec, take, digest, task, jobId == null ? "" : jobId, estimate, 0, ended
                ? Ledger.Outcome.FAILED : Ledger.Outcome.ERROR, e.getMessage()));
            if (ended || neverMade) {
                try {
                    Files.deleteIfExists(journal); // the next run makes a new job
                } catch (IOException io) {
                    // the ledger line already says how it ended
                }
            }
            if (e instanceof ShootException s) throw s;
            throw new ShootException(id() + ": shot " + spec.shotId() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            slots().release();
        }
    }

    /**
     * The request to send instead when the provider refuses one outright for a documented "not supported" reason
     * (Veo's reference images on some accounts): the shot made a lesser way rather than not at all. Each lesser form
     * is sent once; a refused request is not charged.
     *
     * @param request the request refused
     * @param refused the refusal (nothing was made: {@link ShootException#wasNotSent()})
     * @return the request to send instead, or empty to fail the take
     */
    protected Optional<GenerationRequest> lesser(GenerationRequest request, ShootException refused) {
        return Optional.empty();
    }

    /**
     * @param before the request refused
     * @param after  the request sent instead ({@link #lesser})
     * @return how it is sent again, for the ledger
     */
    protected String lessened(GenerationRequest before, GenerationRequest after) {
        if (!before.references().isEmpty() && after.references().isEmpty() && after.firstFrame().isPresent()) {
            return "with its first reference still as the first frame (image to video)";
        }
        if (after.firstFrame().isEmpty() && after.references().isEmpty()) return "from words alone (text to video)";
        return "in a lesser form";
    }

    /**
     * Cancels a job whose wait was interrupted, so it is not left running and billed. An interrupted thread cannot
     * send a request (the HTTP client refuses at once), so the interrupt is cleared for the cancellation and set
     * again after it.
     */
    private void cancelAfterInterrupt(String jobId) {
        boolean interrupted = Thread.interrupted();
        try {
            cancel(jobId);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private Ledger.Entry entry(String model, ShotSpec spec, int take, String digest, String task, String jobId,
                               double estimate, double actual, Ledger.Outcome outcome, String detail) {
        return new Ledger.Entry("", id(), model, spec.shotId(), digest, take, task, jobId, estimate, actual,
            outcome, detail == null ? "" : detail);
    }

    private static String extension(String location) {
        String l = location.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        for (String e : new String[] {".mp4", ".webm", ".webp", ".mov", ".mkv", ".gif"}) if (l.endsWith(e)) return e;
        return ".mp4";
    }

    private static Optional<String> readJobId(Path journal) {
        if (!Files.isRegularFile(journal)) return Optional.empty();
        try {
            JsonNode n = JSON.readTree(Files.readString(journal));
            JsonNode id = n.get("jobId");
            return id == null || id.isNull() || id.asString().isEmpty() ? Optional.empty() : Optional.of(id.asString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeJournal(Path journal, String task, String jobId) throws IOException {
        Files.createDirectories(journal.getParent());
        ObjectNode n = JSON.createObjectNode();
        n.put("clientTaskId", task);
        if (jobId != null) n.put("jobId", jobId);
        n.put("time", java.time.Instant.now().toString());
        Staging.writeString(journal, JSON.writeValueAsString(n));
    }
}
