package org.cinestack.shoot.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one model of a provider accepts, as the provider documents it: one row of a backend's capability table. The
 * backend builds its requests from the row (which durations, whether a seed, a negative prompt or camera control
 * goes), and {@code cinestack prompts --backend} reads the same row to tell, before anything is paid for, what a
 * shot loses there ({@link #losses}).
 *
 * @param model                    the provider's model id
 * @param input                    the kind of request this row is for
 * @param mode                     the provider's quality mode this row is for ({@code std}, {@code pro}), or "" for any
 * @param durations                the clip lengths the model makes, s, ascending; empty when it makes any length up
 *                                 to {@code maxSeconds}
 * @param maxSeconds               the longest clip it makes, s
 * @param ratios                   aspect ratios it makes ({@code 16:9}); empty for any
 * @param resolutions              resolutions it takes ({@code 720p}); empty when it takes no resolution
 * @param seed                     takes a seed
 * @param negativePrompt           takes a negative prompt
 * @param negativeBesideReferences takes a negative prompt in the same request as reference stills
 * @param maxReferences            reference stills it takes beside the prompt (0: none)
 * @param cameraAt                 the made clip lengths, s, at which it takes structured camera control (empty: never;
 *                                 the move then goes as the prompt's words)
 * @param audio                    makes sound (Cinestack turns it off where it can: the film's sound is its own)
 * @param endFrame                 takes a last frame
 * @param source                   where the provider says so (SDK file, specification or page, and the date read)
 */
public record ModelRules(String model, Input input, String mode, List<Double> durations, double maxSeconds,
                         List<String> ratios, List<String> resolutions, boolean seed, boolean negativePrompt,
                         boolean negativeBesideReferences, int maxReferences, List<Double> cameraAt, boolean audio,
                         boolean endFrame, String source) {

    /** The kind of request a row is for. */
    public enum Input {
        /** words alone */
        TEXT,
        /** a first frame and words */
        IMAGE,
        /** either */
        ANY
    }

    /** Moves that ask nothing of a camera control field. */
    private static final List<String> STILL_MOVES = List.of("static", "locked-off", "handheld", "");

    /**
     * The row for a request.
     *
     * @param table a backend's rows
     * @param model the model the request goes to
     * @param image whether it has a first frame
     * @param mode  the backend's mode, or ""
     * @return the row for this model, kind and mode, else its row for any mode; for a model not in the table, the
     *         table's first row for any mode of this kind of request under the model's name, with a source that says
     *         it is assumed
     * @throws IllegalArgumentException when the table is empty
     */
    public static ModelRules find(List<ModelRules> table, String model, boolean image, String mode) {
        if (table.isEmpty()) throw new IllegalArgumentException("an empty capability table");
        ModelRules generic = null, forModel = null;
        for (ModelRules r : table) {
            if (!(r.input == Input.ANY || (r.input == Input.IMAGE) == image)) continue;
            if (generic == null && r.mode.isEmpty()) generic = r;
            if (!r.model.equals(model)) continue;
            if (r.mode.equals(mode)) return r;
            if (r.mode.isEmpty() && forModel == null) forModel = r;
        }
        if (forModel != null) return forModel;
        ModelRules like = generic != null ? generic : table.getFirst();
        return new ModelRules(model, like.input, like.mode, like.durations, like.maxSeconds, like.ratios,
            like.resolutions, like.seed, like.negativePrompt, like.negativeBesideReferences, like.maxReferences,
            like.cameraAt, like.audio, like.endFrame, "not in Cinestack's table: taken to accept what " + like.model
                + " does");
    }

    /**
     * @param seconds the clip the shot wants, s
     * @return the clip the model makes for it, s: the shortest of its durations that covers the shot, else its
     *         longest; for a model of any length, the shot's length up to its longest
     */
    public double madeSeconds(double seconds) {
        for (double d : durations) if (d >= seconds - 1e-9) return d;
        if (!durations.isEmpty()) return durations.getLast();
        return Math.min(seconds, maxSeconds);
    }

    /**
     * @param request the request
     * @return true when camera control goes with it: the model takes it at the length it will make
     */
    public boolean takesCamera(GenerationRequest request) {
        double made = madeSeconds(request.durationSeconds());
        return cameraAt.stream().anyMatch(d -> Math.abs(d - made) < 1e-9);
    }

    /**
     * @param request the request
     * @return true when its negative prompt goes with it
     */
    public boolean sendsNegative(GenerationRequest request) {
        return negativePrompt && !request.negative().isBlank()
            && (negativeBesideReferences || request.references().isEmpty());
    }

    /**
     * What a shot loses on this model, in words a filmmaker reads before paying: a move sent as words only, a negative
     * prompt not sent, a shot made longer and cut or shorter and held, no seed, reference stills left out.
     *
     * @param request      the request as the backend would send it
     * @param references   the reference stills the shot has (before any were left out)
     * @param fieldForMove whether the provider's camera control has a field for this move at all
     * @return one sentence per loss, in that order; empty when the shot goes as it was planned
     */
    public List<String> losses(GenerationRequest request, int references, boolean fieldForMove) {
        List<String> out = new ArrayList<>();
        String move = request.move() == null ? "" : request.move();
        if (!STILL_MOVES.contains(move) && !takesCamera(request)) {
            out.add("the move (" + move + ") goes as prompt words only: " + model + (cameraAt.isEmpty()
                ? " takes no camera control" : " takes camera control only for " + seconds(cameraAt) + " clips"
                + (input == Input.ANY ? "" : " " + (input == Input.IMAGE ? "from a first frame" : "from words"))));
        } else if (!STILL_MOVES.contains(move) && !fieldForMove) {
            out.add("the move (" + move + ") goes as prompt words only: " + model + "'s camera control has no "
                + "field for it");
        }
        if (!request.negative().isBlank() && !sendsNegative(request)) {
            out.add("the negative prompt is not sent: " + model + (negativePrompt
                ? " refuses it beside reference stills" : " takes none"));
        }
        double want = request.durationSeconds(), made = madeSeconds(want);
        if (made > want + 0.05) {
            out.add(String.format(Locale.ROOT, "made as a clip of %s and cut to the shot's %.1f s (the longer clip "
                + "is paid for)", seconds(List.of(made)), want));
        } else if (made < want - 0.05) {
            out.add(String.format(Locale.ROOT, "made as a clip of %s, the longest %s makes; its last frame is held "
                + "for the %.1f s left", seconds(List.of(made)), model, want - made));
        }
        if (!seed) out.add(model + " takes no seed: a retake differs and the take cannot be made again exactly");
        int sent = request.references().size() + (request.firstFrame().isPresent() ? 1 : 0);
        if (references > sent) {
            out.add(String.format(Locale.ROOT, "%d of the shot's %d reference stills go with it", sent, references));
        }
        return out;
    }

    /**
     * @param made the clip lengths this request can be made at, s
     * @return this row with those durations, as a backend narrows it for one request (Veo makes reference-anchored
     *         and 1080p clips at 8 s only)
     */
    public ModelRules withDurations(List<Double> made) {
        return new ModelRules(model, input, mode, List.copyOf(made), made.isEmpty() ? maxSeconds : made.getLast(),
            ratios, resolutions, seed, negativePrompt, negativeBesideReferences, maxReferences, cameraAt, audio,
            endFrame, source);
    }

    /**
     * @param made the clip lengths, s, at which this request's camera move is kept
     * @param why  where that comes from
     * @return this row with camera control at those lengths (ComfyUI's VACE follows a control video)
     */
    public ModelRules withCameraAt(List<Double> made, String why) {
        return new ModelRules(model, input, mode, durations, maxSeconds, ratios, resolutions, seed, negativePrompt,
            negativeBesideReferences, maxReferences, List.copyOf(made), audio, endFrame, source + "; " + why);
    }

    private static String seconds(List<Double> ds) {
        List<String> s = new ArrayList<>();
        for (double d : ds) s.add(d == Math.rint(d) ? String.valueOf((long) d) + " s" : String.format(Locale.ROOT,
            "%.2f s", d));
        return String.join(" or ", s);
    }
}
