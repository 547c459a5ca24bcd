package org.cinestack.dailies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.cinestack.TestFilms;
import org.cinestack.film.FilmReader;
import org.cinestack.media.VideoReader;
import org.cinestack.media.VideoWriter;
import org.cinestack.plan.Planner;
import org.cinestack.plan.ShotSpec;
import org.cinestack.shoot.previs.PrevisBackend;

/**
 * Dailies on previs takes, whose camera is known: each clean take passes with no major defect, and each defect
 * injected into one (a pan reversed, a zoom the wrong way, a static shot that drifts, a frozen half second, a black
 * frame, pumping brightness, a colour drift) is caught by its own metric and no other major flag fires.
 */
class DailiesTest {
    private static final String FILM = TestFilms.withAna("Dailies", 384, 216, "EXT. HARBOUR - DAY",
        "{id: still, size: ms, subject: ana, duration: 2}",
        "{id: pan, size: ws, subject: ana, duration: 2, camera: {move: pan-left}}",
        "{id: zoom, size: ms, subject: ana, duration: 2, camera: {move: zoom-in}}",
        "{id: tilt, size: ws, subject: ana, duration: 2, camera: {move: tilt-up}}");
    private static Path dir;
    private static final Map<String, Path> TAKES = new java.util.HashMap<>();
    private static final Map<String, ShotSpec> SPECS = new java.util.HashMap<>();

    @BeforeAll
    static void shoot() throws Exception {
        dir = Files.createTempDirectory("cinestack-dailies");
        PrevisBackend previs = new PrevisBackend(ForkJoinPool.commonPool());
        for (ShotSpec s : Planner.plan(FilmReader.parse(FILM, "film.yaml")).specs()) {
            Path folder = Files.createDirectories(dir.resolve(s.shotId()));
            previs.shoot(s, folder, (a, b) -> { });
            TAKES.put(s.shotId(), folder.resolve("take.mp4"));
            SPECS.put(s.shotId(), s);
        }
    }

    @AfterAll
    static void clear() throws Exception {
        try (var w = Files.walk(dir)) {
            for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static List<Defect> judge(Path take, String shot) {
        ShotSpec s = SPECS.get(shot);
        return Rules.judge(TakeMetrics.measure(take, s.fps()), s.move());
    }

    private static List<String> majors(List<Defect> defects) {
        return defects.stream().filter(d -> d.severity() == Defect.Severity.MAJOR).map(Defect::metric).toList();
    }

    /** Writes a copy of a take with each frame changed (frame number, BGR pixels, width, height) or reordered. */
    private static Path edited(String shot, String name, boolean reversed, BiConsumer<Integer, byte[]> change) {
        List<byte[]> frames = new ArrayList<>();
        int w, h;
        try (VideoReader r = new VideoReader(TAKES.get(shot))) {
            w = r.width();
            h = r.height();
            byte[] f = new byte[w * h * 3];
            while (r.next(f)) frames.add(f.clone());
        }
        if (reversed) java.util.Collections.reverse(frames);
        Path out = dir.resolve(shot + "-" + name + ".mp4");
        try (VideoWriter v = new VideoWriter(out, w, h, SPECS.get(shot).fps(), false, VideoWriter.Settings.TAKE)) {
            for (int i = 0; i < frames.size(); i++) {
                byte[] f = frames.get(i);
                change.accept(i, f);
                v.write(f);
            }
        }
        return out;
    }

    @Test
    void theCameraMovesAsThePreviewSaysAndCleanTakesPass() {
        TakeMetrics pan = TakeMetrics.measure(TAKES.get("pan"), 24);
        assertThat(pan.motionX()).as("a pan left moves the picture right: " + pan).isGreaterThan(0.05);
        TakeMetrics zoom = TakeMetrics.measure(TAKES.get("zoom"), 24);
        assertThat(zoom.scaleChange()).as("a zoom in grows the picture").isGreaterThan(1.05);
        TakeMetrics tilt = TakeMetrics.measure(TAKES.get("tilt"), 24);
        assertThat(tilt.motionY()).as("a tilt up moves the picture down").isGreaterThan(0.05);
        TakeMetrics still = TakeMetrics.measure(TAKES.get("still"), 24);
        assertThat(Math.abs(still.motionX())).isLessThan(0.01);
        for (String shot : List.of("still", "pan", "zoom", "tilt")) {
            assertThat(majors(judge(TAKES.get(shot), shot))).as(shot + ": " + judge(TAKES.get(shot), shot)).isEmpty();
        }
    }

    @Test
    void reversedMovesAreCaughtByTheCameraAlone() {
        List<Defect> pan = judge(edited("pan", "reversed", true, (i, f) -> { }), "pan");
        assertThat(majors(pan)).containsExactly("camera");
        assertThat(pan.getFirst().words()).contains("wrong way").contains("pan-left");
        assertThat(majors(judge(edited("zoom", "reversed", true, (i, f) -> { }), "zoom"))).containsExactly("camera");
        assertThat(majors(judge(edited("tilt", "reversed", true, (i, f) -> { }), "tilt"))).containsExactly("camera");
    }

    @Test
    void aStaticShotThatDriftsIsCaught() {
        int[] wh = size("still");
        Path drift = edited("still", "drift", false, (i, f) -> shift(f, wh[0], wh[1], i / 2)); // half a pixel a frame
        assertThat(majors(judge(drift, "still"))).as(TakeMetrics.measure(drift, 24).toString()).containsExactly("camera");
    }

    @Test
    void aFrozenHalfSecondABlackFramePumpingAndDriftingColourAreEachCaughtAlone() {
        int[] wh = size("pan");
        byte[][] hold = new byte[1][];
        Path frozen = edited("pan", "frozen", false, (i, f) -> {
            if (i == 20) hold[0] = f.clone();
            if (i > 20 && i <= 34) System.arraycopy(hold[0], 0, f, 0, f.length);
        });
        assertThat(majors(judge(frozen, "pan"))).containsExactly("frozen");
        Path black = edited("pan", "black", false, (i, f) -> {
            if (i == 25) java.util.Arrays.fill(f, (byte) 0);
        });
        assertThat(majors(judge(black, "pan"))).containsExactly("black");
        Path pumping = edited("pan", "flicker", false, (i, f) -> add(f, i % 2 == 0 ? 8 : -8));
        assertThat(majors(judge(pumping, "pan"))).containsExactly("flicker");
        Path tint = edited("still", "tint", false, (i, f) -> {
            for (int k = 0; k < f.length; k += 3) { // warmer each frame: less blue, more red
                f[k] = (byte) Math.max(0, (f[k] & 255) - i);
                f[k + 2] = (byte) Math.min(255, (f[k + 2] & 255) + i);
            }
        });
        assertThat(majors(judge(tint, "still"))).as(TakeMetrics.measure(tint, 24).toString()).containsExactly("colour");
        assertThat(wh[0]).isPositive();
    }

    /** {@code cinestack dailies check} on footage from elsewhere: the same metrics and rules, as JSON or words. */
    @Test
    void anyClipIsCheckedFromTheCommandLine() throws Exception {
        Path reversed = edited("pan", "cli", true, (i, f) -> { });
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldOut = System.out, oldErr = System.err;
        int ok, bad;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            ok = org.cinestack.cli.Main.run("dailies", "check", reversed.toString(), "--move", "pan-left", "--json");
            bad = org.cinestack.cli.Main.run("dailies", "check", reversed.toString(), "--move", "pan-sideways");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertThat(ok).isZero();
        tools.jackson.databind.JsonNode verdict = tools.jackson.databind.json.JsonMapper.builder().build()
            .readTree(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(verdict.get("rejected").asBoolean()).isTrue();
        assertThat(verdict.at("/defects/0/words").asString()).contains("wrong way");
        assertThat(verdict.at("/metrics/motionX").asDouble()).isNegative();
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("unknown move 'pan-sideways'")
            .contains("pan-left");
    }

    private static int[] size(String shot) {
        try (VideoReader r = new VideoReader(TAKES.get(shot))) {
            return new int[] {r.width(), r.height()};
        }
    }

    private static void add(byte[] f, int d) {
        for (int k = 0; k < f.length; k++) f[k] = (byte) Math.max(0, Math.min(255, (f[k] & 255) + d));
    }

    /** Moves the picture right by {@code px} pixels (the left edge repeats). */
    private static void shift(byte[] f, int w, int h, int px) {
        if (px <= 0) return;
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            System.arraycopy(f, row, f, row + px * 3, (w - px) * 3);
        }
    }
}
